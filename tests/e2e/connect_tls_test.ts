/**
 * End to end, `tp1 connect --tls`: the real `main.ts` in a subprocess against
 * an in-process TLS server (`startTlsServer` over a `port: 0` listener) or a
 * plain-text one, checking what the user sees, the exit code, and what the
 * server received (nothing at all when the server is not trusted).
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { runTp1, startTp1InTerminal } from "../_helpers/tp1.ts";
import { type CertifiedKey, generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { startTlsServer } from "../../src/tls/start_tls_server.ts";

const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";
const NEEDS_RUN = "(needs --allow-run)";
const decoder = new TextDecoder();

let shared: Promise<CertifiedKey> | undefined;
/** The server certificate of these tests, for 127.0.0.1, ::1 and localhost. */
function serverCert(): Promise<CertifiedKey> {
  shared ??= generateSelfSignedCert({ names: ["localhost", "127.0.0.1", "::1"] });
  return shared;
}

/** What one connection brought to the server's application: its bytes, or how it failed. */
type Outcome = { readonly received: string } | { readonly failed: string };

/** A one-connection server on 127.0.0.1; `outcome` settles when that connection is over. */
interface TestServer extends AsyncDisposable {
  readonly port: number;
  readonly outcome: Promise<Outcome>;
}

/**
 * A TLS server that reads to end of stream, then answers "got: <what it read>"
 * and closes: the piped client's stdout shows the round trip.
 */
function tlsServer(cert: CertifiedKey): TestServer {
  return oneConnectionServer(async (tcp) => {
    const conn = await startTlsServer(tcp, { cert: cert.certPem, key: cert.keyPem });
    try {
      const received = decoder.decode(await readToEnd(conn));
      await conn.write(utf8(`got: ${received}`));
      await conn.closeWrite();
      return received;
    } finally {
      conn.close();
    }
  });
}

/** A plain-text server that says `greeting` (or nothing) and reads until the client goes. */
function plainServer(greeting?: string): TestServer {
  return oneConnectionServer(async (conn) => {
    try {
      if (greeting !== undefined) await conn.write(utf8(greeting));
      return decoder.decode(await readToEnd(conn));
    } finally {
      conn.close();
    }
  });
}

function oneConnectionServer(serve: (tcp: Deno.TcpConn) => Promise<string>): TestServer {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const outcome = listener.accept().then(serve).then(
    (received): Outcome => ({ received }),
    (error: Error): Outcome => ({ failed: error.message }),
  );
  return {
    port: listener.addr.port,
    outcome,
    async [Symbol.asyncDispose]() {
      listener.close();
      // A test that failed before connecting leaves accept() pending: closing ends it.
      await withDeadline(outcome, "the test server's connection to end").catch(() => undefined);
    },
  };
}

/** Asserts that the server's application got no bytes: the client stopped before sending. */
async function assertNothingDelivered(server: TestServer): Promise<void> {
  const outcome = await withDeadline(server.outcome, "the server to see the client go");
  if ("received" in outcome) assertEquals(outcome.received, "", "data reached the server");
}

/** Writes `text` to a file in a fresh temporary directory; removes the directory after `body`. */
async function withTempFile(
  name: string,
  text: string,
  body: (path: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tp1-connect-tls-" });
  try {
    await Deno.writeTextFile(`${dir}/${name}`, text);
    await body(`${dir}/${name}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name:
    "tp1 connect --tls --ca FILE verifies the server and carries data both ways, piped, logging TLS with -v (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  const cert = await serverCert();
  await withTempFile("tp1-cert.pem", cert.certPem, async (caFile) => {
    await using server = tlsServer(cert);
    const result = await runTp1(
      ["connect", "--tls", "--ca", caFile, "127.0.0.1", String(server.port), "-v"],
      "hello over TLS\n",
    );
    assertEquals(result.code, 0, result.stderr);
    assertEquals(result.stdout, "got: hello over TLS\n");
    assertEquals(await server.outcome, { received: "hello over TLS\n" });
    assertIncludes(result.stderr, `tp1: TLS 1.3, server certificate verified with --ca ${caFile}`);
    assertIncludes(result.stderr, `tp1: server certificate SHA-256 ${cert.fingerprint}`);
  });
});

Deno.test({
  name:
    "tp1 connect --ca FILE implies --tls and checks the name dialled: localhost (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  const cert = await serverCert();
  await withTempFile("ca.pem", cert.certPem, async (caFile) => {
    await using server = tlsServer(cert);
    const result = await runTp1(
      ["connect", "--ca", caFile, "localhost", String(server.port), "--timeout", "5"],
      "by name",
    );
    assertEquals(result.code, 0, result.stderr);
    assertEquals(result.stdout, "got: by name");
    assertEquals(result.stderr, "");
  });
});

Deno.test({
  name:
    `tp1 connect --tls refuses a self-signed server, sends it nothing, and prints the pin command that then works ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const cert = await serverCert();
  let pin: string;
  {
    await using server = tlsServer(cert);
    const port = String(server.port);
    const refused = await runTp1(["connect", "--tls", "127.0.0.1", port], "secret\n");
    assertEquals(refused.code, 1, refused.stderr);
    assertEquals(refused.stdout, "");
    assertMatch(
      refused.stderr,
      new RegExp(
        `^error: the certificate of 127\\.0\\.0\\.1:${port} is not trusted \\(self-signed certificate\\)\n`,
      ),
    );
    assertIncludes(refused.stderr, `its SHA-256 fingerprint is ${cert.fingerprint}\n`);
    pin = /^ {2}(tp1 connect --tls --fingerprint \S+ 127\.0\.0\.1) \d+$/m.exec(refused.stderr)![1];
    assertEquals(pin, `tp1 connect --tls --fingerprint ${cert.fingerprint} 127.0.0.1`);
    await assertNothingDelivered(server);
  }
  // Trust on first use: the command it printed, run against the same server.
  await using server = tlsServer(cert);
  const args = [...pin.split(" ").slice(1), String(server.port)];
  const pinned = await runTp1(args, "pinned\n");
  assertEquals(pinned.code, 0, pinned.stderr);
  assertEquals(pinned.stdout, "got: pinned\n");
});

Deno.test({
  name:
    `tp1 connect --fingerprint accepts the server with that fingerprint and refuses any other, sending nothing ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const cert = await serverCert();
  const other = await generateSelfSignedCert({ names: ["localhost", "127.0.0.1"] });
  {
    await using server = tlsServer(cert);
    const plainHex = cert.fingerprint.replaceAll(":", "").toLowerCase();
    const result = await runTp1(
      ["connect", "--fingerprint", plainHex, "127.0.0.1", String(server.port)],
      "ping",
    );
    assertEquals(result.code, 0, result.stderr);
    assertEquals(result.stdout, "got: ping");
  }
  await using server = tlsServer(other);
  const result = await runTp1(
    ["connect", "--tls", "--fingerprint", cert.fingerprint, "127.0.0.1", String(server.port)],
    "must not arrive",
  );
  assertEquals(result.code, 1);
  assertEquals(result.stdout, "");
  assertIncludes(
    result.stderr,
    `has fingerprint ${other.fingerprint}, not the pinned ${cert.fingerprint}`,
  );
  await assertNothingDelivered(server);
});

Deno.test({
  name:
    `tp1 connect --insecure connects to any certificate and warns with its fingerprint and the pin command ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const cert = await generateSelfSignedCert({ names: ["elsewhere.example"] });
  await using server = tlsServer(cert);
  const port = String(server.port);
  const result = await runTp1(["connect", "--insecure", "127.0.0.1", port], "anyway");
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, "got: anyway");
  assertMatch(
    result.stderr,
    /^tp1: warning: --insecure: the server's certificate was NOT verified/,
  );
  assertIncludes(result.stderr, `fingerprint ${cert.fingerprint}\n`);
  assertIncludes(
    result.stderr,
    `tp1:   tp1 connect --tls --fingerprint ${cert.fingerprint} 127.0.0.1 ${port}\n`,
  );
});

Deno.test({
  name:
    `tp1 connect --tls gives up on a silent plain-text server after --timeout and closes the connection ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  await using server = plainServer();
  const port = String(server.port);
  const result = await runTp1(["connect", "--tls", "--timeout", "1", "127.0.0.1", port], "x");
  assertEquals(result.code, 1);
  assertEquals(
    result.stderr,
    `error: no TLS answer from 127.0.0.1:${port} within 1 s; it is probably a server without ` +
      "TLS, waiting for us to speak first\n",
  );
  // The server read the ClientHello, then end of stream: the socket was really closed.
  const outcome = await withDeadline(server.outcome, "the plain server to see end of stream");
  assertEquals("received" in outcome && outcome.received.charCodeAt(0), 0x16);
});

Deno.test({
  name:
    `tp1 connect --tls stops at once when a plain-text server greets, not after --timeout ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  await using server = plainServer("Welcome to the lab server\n");
  const port = String(server.port);
  // With a 60 s limit, only recognising plain text can end this within the test's deadline.
  const result = await runTp1(["connect", "--tls", "--timeout", "60", "127.0.0.1", port], "x");
  assertEquals(result.code, 1);
  assertEquals(
    result.stderr,
    `error: 127.0.0.1:${port} does not speak TLS (it answered in plain text): drop --tls\n`,
  );
  assertEquals(result.stdout, "");
});

Deno.test({
  name: `tp1 connect refuses contradictory or malformed TLS options as usage errors ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const fingerprint = "AB:".repeat(31) + "AB";
  const both = await runTp1(["connect", "--insecure", "--fingerprint", fingerprint, "h"]);
  assertEquals(both.code, 2);
  assertMatch(both.stderr, /^error: --insecure turns verification off and --fingerprint is/);
  assertMatch(both.stderr, /\nusage: tp1 connect HOST/);
  const bad = await runTp1(["connect", "--fingerprint", "12:34", "h"]);
  assertEquals(bad.code, 2);
  assertMatch(
    bad.stderr,
    /^error: --fingerprint "12:34" has 4 hex digits: give at least the first 20/,
  );
});

Deno.test({
  name:
    "tp1 connect --tls in a terminal shows TLS, how the server was trusted and its fingerprint (needs --allow-run and tmux)",
  ignore: !hasCommand("tmux"),
}, async () => {
  const cert = await serverCert();
  await using server = tlsServer(cert);
  await using tp1 = await startTp1InTerminal(
    [
      "connect",
      "--tls",
      "--fingerprint",
      cert.fingerprint,
      "127.0.0.1",
      String(server.port),
    ],
    { width: 140 },
  );
  const screen = await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${server.port}\\$`));
  assertIncludes(screen, "TLS 1.3, server certificate matches the pinned fingerprint");
  assertIncludes(screen, `server certificate SHA-256 ${cert.fingerprint}`);
  await tp1.type("hello");
  await tp1.press("Enter");
  await tp1.press("C-d");
  assertEquals(await server.outcome, { received: "hello\n" });
  assertEquals(await tp1.exitStatus(), 0);
});
