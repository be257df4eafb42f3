/**
 * `tp1 connect --wait` and Ctrl-C while connecting, end to end: the client is
 * started before the server and gets through once the server is up; SIGINT
 * during the wait, the TLS handshake or the password exchange ends it at once
 * with a clear message instead of killing it mid-way or waiting for a timeout.
 */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { MAIN_TS, REPO_ROOT, spawnTp1, startPipedServer } from "../_helpers/tp1.ts";
import { TmuxPane } from "../_helpers/tmux.ts";

const NEEDS_RUN = "(needs --allow-run)";
const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";
const INTERRUPTED = "error: interrupted by Ctrl-C before the connection was made\n";

/** A server that accepts one connection and says nothing; `accepted` settles on its arrival. */
function silentServer(): { port: number; accepted: Promise<Deno.TcpConn> } & AsyncDisposable {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted = listener.accept();
  return {
    port: listener.addr.port,
    accepted,
    async [Symbol.asyncDispose]() {
      listener.close();
      const conn = await accepted.catch(() => undefined);
      conn?.close();
    },
  };
}

Deno.test({
  name:
    `tp1 connect --wait gets through to a server started after it, retrying meanwhile ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using client = spawnTp1(["connect", "--wait", "127.0.0.1", String(port)]);
  await client.write("started first\n");
  await client.closeStdin();
  // Two refused attempts: the client is really retrying before the server exists.
  await client.waitForStderr(
    `waiting for 127.0.0.1:${port} to accept connections… attempt 2 failed, next in`,
  );
  await using server = await startPipedServer(port);
  await server.closeStdin();
  const done = await client.finished();
  assertEquals(done.code, 0, done.stderr);
  assertMatch(done.stderr, /\(Ctrl-C to stop\)\n$/);
  const served = await server.finished();
  assertEquals(served.stdout, "started first\n");
});

Deno.test({
  name:
    `tp1 connect --wait=SECONDS gives up after that long, saying how often it tried ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using client = spawnTp1(["connect", "--wait=0.5", "127.0.0.1", String(port)]);
  await client.closeStdin();
  const done = await client.finished();
  assertEquals(done.code, 1);
  assertMatch(
    done.stderr,
    new RegExp(`\nerror: gave up waiting for 127\\.0\\.0\\.1:${port} after \\d+ attempts: .*\n$`),
  );
});

Deno.test({
  name: `tp1 connect --wait stops at once on Ctrl-C (SIGINT) with a clear message ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using client = spawnTp1(["connect", "--wait", "127.0.0.1", String(port)]);
  await client.waitForStderr("attempt 1 failed");
  client.kill("SIGINT");
  const done = await client.finished();
  assertEquals(done.signal, null, "it handled the signal instead of dying of it");
  assertEquals(done.code, 1);
  assertMatch(done.stderr, new RegExp(`${INTERRUPTED}$`));
});

Deno.test({
  name:
    `on a terminal, Ctrl-C during --wait ends the redrawn progress line: the error starts a line of its own ${NEEDS_RUN} and tmux`,
  ignore: !canRun || !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  const output = await Deno.makeTempFile({ prefix: "tp1-wait-screen-" });
  try {
    await using pane = await TmuxPane.start(
      [
        Deno.execPath(),
        "run",
        "--allow-all",
        MAIN_TS,
        "connect",
        "--wait",
        "127.0.0.1",
        String(port),
      ],
      { cwd: decodeURIComponent(REPO_ROOT.pathname), width: 160 },
    );
    // What tp1 wrote to its terminal, byte for byte: Ctrl-C also stops the pane's wrapper shell,
    // and tmux may redraw a dead pane's screen, so the screen alone cannot be trusted here.
    await pane.recordOutput(output);
    await pane.waitForScreen("attempt 2 failed");
    await pane.press("C-c");
    const written = await waitFor(async () => {
      const text = await Deno.readTextFile(output);
      return text.includes("before the connection was made") ? text : undefined;
    }, () => `the error in ${output}`);
    assertMatch(written, /\(Ctrl-C to stop\)(\^C)?\r?\nerror: interrupted by Ctrl-C before/);
  } finally {
    await Deno.remove(output);
  }
});

Deno.test({
  name:
    `tp1 connect --tls stops at once on Ctrl-C during a handshake the server never answers ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  await using server = silentServer();
  await using client = spawnTp1([
    "connect",
    "--insecure",
    "--timeout",
    "60",
    "-v",
    "127.0.0.1",
    String(server.port),
  ]);
  await client.waitForStderr("; TLS handshake\n");
  client.kill("SIGINT");
  // With a 60 s handshake limit, only the interrupt can end it within the deadline.
  const done = await client.finished();
  assertEquals(done.code, 1);
  assertMatch(done.stderr, new RegExp(`${INTERRUPTED}$`));
});

Deno.test({
  name:
    "tp1 connect --password-file stops at once on Ctrl-C while the server has not asked yet (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  const file = await Deno.makeTempFile({ prefix: "tp1-password-" });
  try {
    await Deno.writeTextFile(file, "s3cret\n");
    await using server = silentServer();
    await using client = spawnTp1([
      "connect",
      "--password-file",
      file,
      "--timeout",
      "60",
      "127.0.0.1",
      String(server.port),
    ]);
    const conn = await withDeadline(server.accepted, "the client to connect");
    client.kill("SIGINT");
    const done = await client.finished();
    assertEquals(done.code, 1);
    assertEquals(done.stderr, INTERRUPTED);
    // The password was never sent: the server was silent, so it never asked.
    const received = new Uint8Array(64);
    assertEquals(await conn.read(received), null);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test({
  name:
    `tp1 connect --wait 20 HOST PORT takes 20 as the wait, as ncat users type -w 20 ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  // Before: 'unexpected argument "PORT"', exit 2.
  await using client = spawnTp1(["connect", "--wait", "20", "127.0.0.1", String(port)]);
  await client.write("waited\n");
  await client.closeStdin();
  await client.waitForStderr(`waiting for 127.0.0.1:${port} to accept connections… attempt 1`);
  await using server = await startPipedServer(port);
  await server.closeStdin();
  const done = await client.finished();
  assertEquals(done.code, 0, done.stderr);
  assertEquals((await server.finished()).stdout, "waited\n");
});
