/**
 * A TLS client meeting a plain server. The plain room (chat or lab) recognises
 * the ClientHello as a newcomer's first bytes: it answers one plain line and
 * logs a refusal instead of relaying the handshake as a user's message, and
 * `tp1 connect --tls` reading that line says "does not speak TLS: drop --tls"
 * at once (it used to wait 10 s). Piped serve is nc -l: the bytes are data.
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { listenerPid, withFirstBytesWaiting } from "../_helpers/held_server.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { canReadProc } from "../proc/_proc_access.ts";
import { startChatServer } from "../_helpers/serve_process.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import { MAIN_TS, REPO_ROOT, runTp1, startPipedServer } from "../_helpers/tp1.ts";
import { ConnectionGate } from "../../src/gate/connection_gate.ts";
import { startTlsClient } from "../../src/tls/start_tls_client.ts";
import { TlsHandshakeError } from "../../src/tls/tls_errors.ts";
import { PLAIN_ONLY_LINE } from "../../src/tls/tls_sniff.ts";

const NEEDS_RUN = "(needs --allow-run)";
/** These hold the server until the ClientHello waits: /proc, which Deno opens only to --allow-all. */
const NEEDS_ALL = "(needs --allow-all)";
const refusedLog = (port: number) =>
  new RegExp(
    `\\* refused 127\\.0\\.0\\.1:(?!${port}\\b)\\d+: it started a TLS handshake, but this server ` +
      "does not speak TLS",
  );

/** A plain gate in front of a listener: what each newcomer came to, and the gate's log. */
async function withPlainGate(
  body: (port: number, admitted: Promise<Deno.TcpConn | undefined>, log: string[]) => Promise<void>,
  bytesAreData = false,
): Promise<void> {
  const log: string[] = [];
  const gate = new ConnectionGate({ access: { allow: [], deny: [] } }, (line) => log.push(line));
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const admitted = listener.accept().then((tcp) => gate.admit(tcp, { bytesAreData }));
  try {
    await body(listener.addr.port, admitted, log);
  } finally {
    gate.close();
    (await admitted.catch(() => undefined))?.close();
  }
}

Deno.test("ConnectionGate without --tls refuses a newcomer whose first bytes start a TLS handshake, with one plain line", async () => {
  await withPlainGate(async (port, admitted, log) => {
    const tcp = await Deno.connect({ hostname: "127.0.0.1", port });
    const error = await startTlsClient(tcp, { host: "127.0.0.1", verify: { kind: "insecure" } })
      .then(() => undefined, (e) => e);
    // Before: admitted, so the room relayed the ClientHello as a message and the client waited 10 s.
    assertEquals(await admitted, undefined);
    assertEquals(error instanceof TlsHandshakeError && error.kind, "not-tls", String(error));
    assertEquals(error.message, `127.0.0.1:${port} does not speak TLS: drop --tls`);
    assertEquals(log.length, 1);
    assertIncludes(log[0], "it started a TLS handshake, but this server does not speak TLS");
  });
});

Deno.test("ConnectionGate without --tls answers a TLS handshake with exactly one plain line, then closes", async () => {
  await withPlainGate(async (port, admitted) => {
    using client = await Deno.connect({ hostname: "127.0.0.1", port });
    await client.write(Uint8Array.of(0x16, 0x03, 0x01, 0x00, 0xd9, 0x01));
    await client.closeWrite();
    assertEquals(await admitted, undefined);
    assertEquals(new TextDecoder().decode(await readToEnd(client)), `${PLAIN_ONLY_LINE}\n`);
  });
});

Deno.test("ConnectionGate without --tls lets a plain newcomer in with its first bytes intact", async () => {
  await withPlainGate(async (port, admitted, log) => {
    using client = await Deno.connect({ hostname: "127.0.0.1", port });
    await client.write(utf8("hello\n"));
    await client.closeWrite();
    const conn = await withDeadline(admitted, "the gate to admit a plain client");
    assertEquals(conn !== undefined && new TextDecoder().decode(await readToEnd(conn)), "hello\n");
    assertEquals(log, []);
  });
});

Deno.test("ConnectionGate for piped serve passes a TLS handshake on as data, as nc -l does", async () => {
  await withPlainGate(async (port, admitted) => {
    using client = await Deno.connect({ hostname: "127.0.0.1", port });
    await client.write(Uint8Array.of(0x16, 0x03, 0x01, 0x00, 0x05));
    await client.closeWrite();
    const conn = await withDeadline(admitted, "the gate to admit the client");
    assertEquals(conn !== undefined && [...await readToEnd(conn)], [0x16, 0x03, 0x01, 0x00, 0x05]);
  }, true);
});

Deno.test({
  name:
    `tp1 connect --tls to a plain chat room says "drop --tls" at once; the room logs a refusal, not noise ${NEEDS_ALL}`,
  ignore: !canRun || !canReadProc,
}, async () => {
  const { server, port } = await startChatServer();
  await using _server = server;
  // With a 60 s limit, only the server's plain answer can end this within the test's deadline.
  // The server is held until the ClientHello waits for it: a loaded machine once delayed it past
  // the server's wait for first bytes, and the client was let in as a silent plain one.
  const result = await withFirstBytesWaiting(
    server.pid,
    port,
    () => runTp1(["connect", "--tls", "--timeout", "60", "127.0.0.1", String(port)]),
  );
  assertEquals(result.code, 1, result.stderr);
  assertEquals(result.stderr, `error: 127.0.0.1:${port} does not speak TLS: drop --tls\n`);
  await server.waitForStdout(refusedLog(port));
  // Before: "* user1 joined", then the ClientHello as escaped bytes: "<user1> \x16\x03\x01…".
  assertEquals(/joined|<user1>|\\x16/.test(server.stdout), false, server.stdout);
});

Deno.test({
  name:
    `tp1 serve on a terminal logs a TLS client's refusal instead of its handshake as a line ${NEEDS_ALL} and tmux`,
  ignore: !canRun || !canReadProc || !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  await using pane = await TmuxPane.start(
    [
      Deno.execPath(),
      "run",
      "--allow-all",
      MAIN_TS,
      "serve",
      "--host",
      "127.0.0.1",
      "-p",
      `${port}`,
    ],
    { cwd: decodeURIComponent(REPO_ROOT.pathname), width: 160 },
  );
  await pane.waitForScreen(`server@`);
  // Held until the ClientHello waits for it, as above: on time whatever the machine's load.
  const result = await withFirstBytesWaiting(
    await listenerPid(port),
    port,
    () => runTp1(["connect", "--tls", "--timeout", "60", "127.0.0.1", String(port)]),
  );
  assertEquals(result.code, 1, result.stderr);
  assertIncludes(result.stderr, `127.0.0.1:${port} does not speak TLS: drop --tls`);
  const screen = await pane.waitForScreen(refusedLog(port));
  // Before: "user1 (127.0.0.1:…): \x16\x03\x01…", about four lines of escaped ClientHello.
  assertEquals(/user1|\\x16|\\0/.test(screen), false, screen);
});

Deno.test({
  name:
    `piped tp1 serve passes a TLS client's handshake to stdout unchanged, like nc -l ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port);
  const result = await runTp1(["connect", "--tls", "--timeout", "2", "127.0.0.1", String(port)]);
  assertEquals(result.code, 1, result.stderr);
  const done = await server.finished();
  assertEquals([...done.stdoutBytes.subarray(0, 2)], [0x16, 0x03]);
  assertEquals(done.stderr.includes("does not speak TLS"), false, done.stderr);
});
