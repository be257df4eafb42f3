/**
 * `--idle SECONDS` end to end, on both sides: the chat room disconnects a
 * silent client with a line it reads and a log line, a piped server closes and
 * logs, and a piped `tp1 connect` closes, says why, and exits 0.
 */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { readToEnd } from "../_helpers/bytes.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun } from "../_helpers/permissions.ts";
import { startChatServer } from "../_helpers/serve_process.ts";
import { SourceClient } from "../_helpers/source_client.ts";
import { spawnTp1, startPipedServer } from "../_helpers/tp1.ts";

const NEEDS_RUN = "(needs --allow-run)";

Deno.test({
  name:
    `tp1 serve --chat --idle disconnects a silent client with a line it reads, and logs it to stdout ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const { server, port } = await startChatServer(["--idle", "0.5"]);
  await using _server = server;
  await using client = await SourceClient.connect({ port });
  await client.waitForText("* nobody else is here yet\n");
  const received = await client.waitForEnd();
  assertMatch(received, /\* no traffic for 0\.5 s: disconnecting you\n$/);
  await server.waitForStdout(
    /^\d\d:\d\d:\d\d \* user1 was disconnected \(no traffic for 0\.5 s\) — 0 clients connected$/m,
  );
  server.kill("SIGINT");
  assertEquals((await server.finished()).code, 0);
});

Deno.test({
  name:
    `tp1 serve --idle in piped mode closes a silent connection, logs why on stderr and exits 0 ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  // Standard input stays open and empty: neither side sends anything.
  await using server = await startPipedServer(port, ["--idle", "0.5"]);
  await using client = await SourceClient.connect({ port });
  assertEquals(await client.waitForEnd(), "", "piped mode adds nothing to the byte stream");
  const done = await server.finished();
  assertEquals(done.code, 0);
  assertMatch(
    done.stderr,
    /\ntp1: 127\.0\.0\.1:\d+: no traffic for 0\.5 s \(--idle\): connection closed\n$/,
  );
});

Deno.test({
  name:
    `tp1 connect --idle in piped mode closes a silent connection, says why on stderr and exits 0 ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  // Standard input stays open and empty: neither side sends anything.
  await using client = spawnTp1([
    "connect",
    "--idle",
    "0.5",
    "127.0.0.1",
    String(listener.addr.port),
  ]);
  using conn = await withDeadline(listener.accept(), "the client to connect");
  const done = await client.finished();
  assertEquals(done.code, 0);
  assertEquals(done.stderr, "tp1: no traffic for 0.5 s (--idle): connection closed\n");
  assertEquals(done.stdout, "");
  assertEquals((await readToEnd(conn)).length, 0, "the server sees the connection end");
});
