/**
 * `tp1 serve --tls` end to end: the real `main.ts` as server and client. A
 * generated certificate is pinned by the fingerprint the server prints, a kept
 * one (`tp1 cert`) is trusted with `--ca`, and a client that does not speak TLS
 * is told so in plain text instead of being left hanging.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { readToEnd } from "../_helpers/bytes.ts";
import { SourceClient } from "../_helpers/source_client.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { printedFingerprint, startChatServer } from "../_helpers/serve_process.ts";
import { runTp1, spawnTp1, startPipedServer } from "../_helpers/tp1.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { ConnectionGate, TLS_ONLY_REPLY } from "../../src/gate/connection_gate.ts";
import { generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { startTlsClient } from "../../src/tls/start_tls_client.ts";
import {
  clientHello,
  closeQuietly,
  hostileFirstRecords,
  readText,
  writeText,
} from "../tls/_tls_fixtures.ts";
import { parseAddressRule } from "../../src/access/address_rule.ts";
import { serverSecurity } from "../../src/cli/serve_security_options.ts";
import { UserError } from "../../src/errors.ts";
import { assertRejects } from "../_helpers/assert.ts";

const NEEDS_RUN = "(needs --allow-run)";
const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";
const decoder = new TextDecoder();

/** The same fingerprint with its first byte changed: valid, but someone else's. */
function otherFingerprint(fingerprint: string): string {
  return (fingerprint.startsWith("00") ? "11" : "00") + fingerprint.slice(2);
}

Deno.test({
  name:
    `tp1 serve --tls prints the fingerprint of the certificate it made, and a client pinning it exchanges data both ways ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["--tls"]);
  const fingerprint = printedFingerprint(server.stderr);
  assertIncludes(
    server.stderr,
    `tp1: (made for this run) clients connect with: tp1 connect --tls --fingerprint ${fingerprint} 127.0.0.1 ${port}\n`,
  );
  await server.write("from the server\n");
  await server.closeStdin();
  const client = await runTp1(
    ["connect", "--tls", "--fingerprint", fingerprint, "127.0.0.1", String(port), "-v"],
    "from the client\n",
  );
  assertEquals(client.code, 0, client.stderr);
  assertEquals(client.stdout, "from the server\n");
  assertIncludes(client.stderr, "tp1: TLS 1.3, server certificate matches the pinned fingerprint");
  const done = await server.finished();
  assertEquals(done.code, 0, done.stderr);
  assertEquals(done.stdout, "from the client\n");
});

Deno.test({
  name:
    `tp1 serve --tls is refused by a client pinning another fingerprint, which sends it nothing, and serves the next client ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["--tls"]);
  const fingerprint = printedFingerprint(server.stderr);
  const wrong = otherFingerprint(fingerprint);
  const refused = await runTp1(
    ["connect", "--tls", "--fingerprint", wrong, "127.0.0.1", String(port)],
    "must not arrive\n",
  );
  assertEquals(refused.code, 1);
  assertEquals(refused.stdout, "");
  assertIncludes(
    refused.stderr,
    `error: the certificate of 127.0.0.1:${port} has fingerprint ${fingerprint}, not the pinned ${wrong}`,
  );
  await server.waitForStderr(/tp1: \* refused 127\.0\.0\.1:\d+: .*TLS handshake/);
  // A refused client does not count: the server still waits for its one client.
  await server.closeStdin();
  const pinned = await runTp1(
    ["connect", "--fingerprint", fingerprint, "127.0.0.1", String(port)],
    "the right one\n",
  );
  assertEquals(pinned.code, 0, pinned.stderr);
  const done = await server.finished();
  assertEquals(done.stdout, "the right one\n", "only the trusting client's bytes arrived");
});

Deno.test({
  name:
    "tp1 serve --cert/--key serves a certificate made by tp1 cert, which clients trust with --ca (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tp1-serve-tls-" });
  try {
    const made = await runTp1(["cert", "--out", dir]);
    assertEquals(made.code, 0, made.stderr);
    const port = freePort();
    await using server = await startPipedServer(port, [
      "--cert",
      `${dir}/tp1-cert.pem`,
      "--key",
      `${dir}/tp1-key.pem`,
    ]);
    const fingerprint = printedFingerprint(server.stderr);
    assertIncludes(made.stdout + made.stderr, fingerprint, "tp1 cert printed the same fingerprint");
    assertIncludes(
      server.stderr,
      `clients connect with: tp1 connect --tls --ca CERT.pem 127.0.0.1 ${port} (`,
    );
    await server.write("hello, verified client\n");
    await server.closeStdin();
    const client = await runTp1(
      ["connect", "--tls", "--ca", `${dir}/tp1-cert.pem`, "127.0.0.1", String(port), "-v"],
      "hello, verified server\n",
    );
    assertEquals(client.code, 0, client.stderr);
    assertEquals(client.stdout, "hello, verified client\n");
    assertIncludes(client.stderr, `server certificate verified with --ca ${dir}/tp1-cert.pem`);
    const done = await server.finished();
    assertEquals(done.stdout, "hello, verified server\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    `tp1 serve --tls tells a plain-text tp1 connect that it only speaks TLS, logs it, and keeps waiting ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["--tls"]);
  // The default handshake limit is 10 s: only recognising plain text ends this within the deadline.
  const plain = await runTp1(["connect", "127.0.0.1", String(port)], "hello in clear\n");
  // tp1 connect recognises the hint: an error on stderr and exit 1, not data on stdout.
  assertEquals(plain.code, 1);
  assertEquals(plain.stdout, "");
  assertMatch(plain.stderr, /^error: 127\.0\.0\.1:\d+ speaks TLS: add --tls/);
  await server.waitForStderr(
    /tp1: \* refused 127\.0\.0\.1:\d+: it spoke plain text, not TLS\n/,
  );
  assertEquals(server.stdout, "", "the plain text was not taken as data");
  assertEquals(server.exited, false, "a refused client does not end a piped server");
});

Deno.test("ConnectionGate.admit() tells a silent plain-text client (nc) that the server only speaks TLS when the handshake time runs out", async () => {
  const cert = await generateSelfSignedCert({ names: ["127.0.0.1"] });
  const log: string[] = [];
  const gate = new ConnectionGate(
    {
      tls: { cert: cert.certPem, key: cert.keyPem, fingerprint: cert.fingerprint, generated: true },
      access: { allow: [], deny: [] },
    },
    (line) => log.push(line),
    200,
  );
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  using client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const admitted = await withDeadline(
    listener.accept().then((tcp) => gate.admit(tcp)),
    "the gate to give up on the silent client",
  );
  assertEquals(admitted, undefined);
  // Like `nc`, the client waited for the server to speak first: it reads the hint, then the end.
  assertEquals(decoder.decode(await readToEnd(client)), TLS_ONLY_REPLY);
  assertEquals(log.length, 1);
  assertMatch(
    log[0],
    /^\* refused 127\.0\.0\.1:\d+: it sent nothing within 0\.2 s \(likely a client without --tls, which is told to add it\)$/,
  );
});

Deno.test({
  name:
    "tp1 serve --chat --tls relays between a pinned tp1 connect --tls and ncat --ssl (needs --allow-run and ncat)",
  ignore: !hasCommand("ncat"),
}, async () => {
  const { server, port } = await startChatServer(["--tls"]);
  await using _server = server;
  // The chat server logs to stdout when it is not on a terminal, the fingerprint too.
  const fingerprint = printedFingerprint(server.stdout + server.stderr);
  await using ncat = new ChildProcess("ncat", ["--ssl", "127.0.0.1", String(port)]);
  await ncat.waitForStdout("* nobody else is here yet");
  await using tp1 = spawnTp1([
    "connect",
    "--tls",
    "--fingerprint",
    fingerprint,
    "127.0.0.1",
    String(port),
  ]);
  await tp1.waitForStdout("* here already: user1");
  await tp1.write("bonjour à tous, chiffré\n");
  await ncat.waitForStdout("<user2> bonjour à tous, chiffré\n");
  await ncat.write("reçu\n");
  await tp1.waitForStdout("<user1> reçu\n");
  await tp1.closeStdin();
  assertEquals((await tp1.finished()).code, 0);
  server.kill("SIGINT");
  const done = await withDeadline(server.finished(), "the chat server to stop");
  assertEquals(done.code, 0);
  assertMatch(done.stdout, /<user2> bonjour à tous, chiffré$/m);
});

/** Sends `bytes` as a client's first bytes, half-closes, and reads what comes back until the end. */
async function sendRaw(port: number, bytes: Uint8Array, from: string): Promise<void> {
  await using hostile = await SourceClient.connect({ port, from });
  await hostile.write(bytes);
  hostile.end();
  await hostile.waitForEnd();
}

/**
 * The source of the `i`th hostile record: each its own, since the log names a source refused
 * again and again only a few times a minute.
 */
function hostileSource(i: number): string {
  return `127.0.1.${i + 1}`;
}

/** How many newcomers a server's log says it refused. */
function refusals(log: string): number {
  return log.match(/\* refused 127\.0\.[01]\.\d+:\d+: /g)?.length ?? 0;
}

Deno.test({
  name:
    `tp1 serve --chat --tls outlives every malformed first record, logs each, and greets the next client each time ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const { server, port } = await startChatServer(["--tls"]);
  await using _server = server;
  const fingerprint = printedFingerprint(server.stdout + server.stderr);
  for (const [i, [label, bytes]] of (await hostileFirstRecords()).entries()) {
    const before = refusals(server.stdout);
    await sendRaw(port, bytes, hostileSource(i));
    await waitFor(
      () => refusals(server.stdout) > before || server.exited,
      `the server to log that it refused ${label}`,
    );
    assertEquals(server.exited, false, `the server died on ${label}: ${server.stderr}`);
    const tcp = await Deno.connect({ hostname: "127.0.0.1", port });
    const good = await startTlsClient(tcp, {
      host: "127.0.0.1",
      verify: { kind: "pin", fingerprint },
    });
    try {
      await writeText(good, "/quit\n");
      assertIncludes(
        await withDeadline(readText(good), "the greeting"),
        "* welcome to the tp1 chat",
      );
    } finally {
      closeQuietly(good);
    }
  }
  assertMatch(server.stdout, /\* refused 127\.0\.1\.\d+:\d+: the TLS handshake with it failed: /);
  if (hasCommand("openssl")) {
    // The invalid SNI name from a real client, as the report had it.
    const before = refusals(server.stdout);
    const openssl = await new Deno.Command("openssl", {
      args: ["s_client", "-connect", `127.0.0.1:${port}`, "-servername", "bad_name!"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).output();
    assertEquals(openssl.success, false, "the handshake cannot succeed");
    await waitFor(() => refusals(server.stdout) > before || server.exited, "the refusal");
    assertIncludes(server.stdout, "ServerNameMustContainOneHostName");
    assertEquals(server.exited, false, server.stderr);
  }
  server.kill("SIGINT");
  assertEquals((await withDeadline(server.finished(), "the chat server to stop")).code, 0);
});

Deno.test({
  name:
    `tp1 serve --tls (piped) outlives every malformed first record, logs each, and serves the next client ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["--tls"]);
  const fingerprint = printedFingerprint(server.stderr);
  for (const [i, [label, bytes]] of (await hostileFirstRecords()).entries()) {
    const before = refusals(server.stderr);
    await sendRaw(port, bytes, hostileSource(i));
    await waitFor(
      () => refusals(server.stderr) > before || server.exited,
      `the server to log that it refused ${label}`,
    );
    assertEquals(server.exited, false, `the server died on ${label}: ${server.stderr}`);
  }
  await server.write("for the good client\n");
  await server.closeStdin();
  const tcp = await Deno.connect({ hostname: "127.0.0.1", port });
  const good = await startTlsClient(tcp, {
    host: "127.0.0.1",
    verify: { kind: "pin", fingerprint },
  });
  try {
    await writeText(good, "from the good client\n");
    await good.closeWrite();
    assertEquals(await withDeadline(readText(good), "the server's data"), "for the good client\n");
  } finally {
    closeQuietly(good);
  }
  const done = await server.finished();
  assertEquals(done.code, 0, done.stderr);
  assertEquals(done.stdout, "from the good client\n");
});

Deno.test("ConnectionGate.admit() refuses a denied address in plain text before any TLS: no byte of its ClientHello reaches TLS", async () => {
  const real = await generateSelfSignedCert({ names: ["127.0.0.1"] });
  // With a certificate TLS cannot load, any call into the TLS layer would fail differently.
  const unusable = {
    cert: "not a certificate",
    key: "not a key",
    fingerprint: "",
    generated: false,
  };
  const usable = {
    cert: real.certPem,
    key: real.keyPem,
    fingerprint: real.fingerprint,
    generated: true,
  };
  for (const tls of [usable, unusable]) {
    const log: string[] = [];
    const gate = new ConnectionGate(
      { tls, access: { allow: [], deny: [parseAddressRule("127.0.0.1")] }, password: "secret" },
      (line) => log.push(line),
      200,
    );
    using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    using client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
    const admitted = listener.accept().then((tcp) => gate.admit(tcp));
    await client.write(await clientHello("127.0.0.1"));
    const reply = await withDeadline(readToEnd(client), "the refusal");
    await client.closeWrite(); // The gate waits for our end before closing, so its line is not reset.
    assertEquals(await admitted, undefined);
    // Plain text, not a TLS record (0x16) nor a password prompt.
    assertEquals(
      decoder.decode(reply),
      "* sorry, 127.0.0.1 is not allowed to connect to this server; ask its operator\n",
    );
    assertEquals(log.length, 1, log.join("\n"));
    assertMatch(log[0], /^\* refused 127\.0\.0\.1:\d+: denied by --deny 127\.0\.0\.1$/);
  }
});

Deno.test({
  name:
    "serverSecurity() takes one PEM file holding both the key and the certificate, in either order, as --cert and --key or as --cert alone (needs --allow-read --allow-write)",
  ignore: !canWrite,
}, async () => {
  const made = await generateSelfSignedCert({ names: ["127.0.0.1"] });
  const dir = await Deno.makeTempDir({ prefix: "tp1-serve-bundle-" });
  try {
    // `openssl req -x509 -nodes -keyout b.pem -out b.pem` writes the key first.
    for (
      const [name, text] of [["key-first", made.keyPem + made.certPem], [
        "cert-first",
        made.certPem + made.keyPem,
      ]]
    ) {
      const path = `${dir}/${name}.pem`;
      await Deno.writeTextFile(path, text);
      for (const flags of [{ cert: path, key: path }, { key: path, cert: path }, { cert: path }]) {
        const { tls } = await serverSecurity(flags, "usage", () => {});
        assertEquals(tls?.cert, made.certPem, `${name} ${JSON.stringify(flags)}`);
        assertEquals(tls?.key, made.keyPem, `${name} ${JSON.stringify(flags)}`);
        assertEquals(tls?.fingerprint, made.fingerprint);
      }
    }
    await Deno.writeTextFile(`${dir}/cert.pem`, made.certPem);
    await Deno.writeTextFile(`${dir}/key.pem`, made.keyPem);
    const alone = await assertRejects(
      () => serverSecurity({ cert: `${dir}/cert.pem` }, "usage", () => {}),
      UserError,
    );
    assertEquals(
      alone.message,
      `${dir}/cert.pem holds no PEM private key (--key): give the key with --key FILE, or a --cert file that holds both`,
    );
    const swapped = await assertRejects(
      () => serverSecurity({ cert: `${dir}/key.pem`, key: `${dir}/cert.pem` }, "usage", () => {}),
      UserError,
    );
    assertIncludes(swapped.message, "did you swap --cert and --key?");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "tp1 serve --cert FILE, one PEM file from openssl holding key and certificate, serves a client trusting it with --ca (needs --allow-run --allow-write, openssl)",
  ignore: !canRun || !canWrite || !hasCommand("openssl"),
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tp1-serve-bundle-" });
  try {
    const bundle = `${dir}/b.pem`;
    const openssl = await new Deno.Command("openssl", {
      args: [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-keyout",
        bundle,
        "-out",
        bundle,
        "-days",
        "2",
        "-subj",
        "/CN=lab",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      stdin: "null",
      stderr: "piped",
    }).output();
    assertEquals(openssl.success, true, decoder.decode(openssl.stderr));
    for (
      const flags of [["--cert", bundle, "--key", bundle], ["--key", bundle, "--cert", bundle], [
        "--cert",
        bundle,
      ]]
    ) {
      const port = freePort();
      await using server = await startPipedServer(port, flags);
      await server.write("hello over the bundle\n");
      await server.closeStdin();
      const client = await runTp1(["connect", "--ca", bundle, "127.0.0.1", String(port)]);
      assertEquals(client.code, 0, `${flags.join(" ")}: ${client.stderr}`);
      assertEquals(client.stdout, "hello over the bundle\n");
      assertEquals((await server.finished()).code, 0);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    `tp1 connect --tls to a --tls server that denies its address shows the server's plain-text refusal, and exits 1 ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["--tls", "--deny", "127.0.0.1"]);
  const fingerprint = printedFingerprint(server.stderr);
  const client = await runTp1(
    ["connect", "--fingerprint", fingerprint, "127.0.0.1", String(port)],
    "must not arrive\n",
  );
  assertEquals(client.code, 1);
  assertEquals(
    client.stderr,
    `error: 127.0.0.1:${port} answered in plain text, not TLS: ` +
      `"* sorry, 127.0.0.1 is not allowed to connect to this server; ask its operator"\n`,
  );
  await server.waitForStderr(/\* refused 127\.0\.0\.1:\d+: denied by --deny 127\.0\.0\.1\n/);
  assertEquals(server.stdout, "");
});
