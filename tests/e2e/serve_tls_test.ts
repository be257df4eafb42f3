/**
 * `tp1 serve --tls` end to end: the real `main.ts` as server and client. A
 * generated certificate is pinned by the fingerprint the server prints, a kept
 * one (`tp1 cert`) is trusted with `--ca`, and a client that does not speak TLS
 * is told so in plain text instead of being left hanging.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { readToEnd } from "../_helpers/bytes.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { printedFingerprint, startChatServer } from "../_helpers/serve_process.ts";
import { runTp1, spawnTp1, startPipedServer } from "../_helpers/tp1.ts";
import { ConnectionGate, TLS_ONLY_REPLY } from "../../src/gate/connection_gate.ts";
import { generateSelfSignedCert } from "../../src/tls/make_certificate.ts";

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
  assertMatch(log[0], /^\* refused 127\.0\.0\.1:\d+: it sent nothing within 0\.2 s$/);
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
