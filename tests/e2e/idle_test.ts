/**
 * `--idle SECONDS` end to end, on both sides: the chat room disconnects a
 * silent client with a line it reads and a log line, a piped server closes and
 * logs, and a piped `tp1 connect` closes, says why, and exits 0. And traffic in
 * either direction alone keeps a connection open past the limit, in piped mode
 * (pipeConnection) and interactively (runServerSession, runClientSession), so a bug that stops
 * counting reads, or writes, fails here: a peer that keeps sending while our
 * side is quiet stays, and so does a quiet peer we keep sending to.
 */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { freePort } from "../_helpers/free_port.ts";
import { FakeConnection, RecordingSink, ScriptedSource } from "../_helpers/memory_ends.ts";
import { canRun } from "../_helpers/permissions.ts";
import { startChatServer } from "../_helpers/serve_process.ts";
import { SourceClient } from "../_helpers/source_client.ts";
import { spawnTp1, startPipedServer } from "../_helpers/tp1.ts";
import { FakeConsole } from "../_helpers/fake_console.ts";
import { TestServer } from "../_helpers/chat_client.ts";
import { runClientSession } from "../../src/client/client_session.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";
import { InputPump } from "../../src/pipe/input_pump.ts";
import { pipeConnection } from "../../src/pipe/pipe_connection.ts";
import { withActivity } from "../../src/io/activity_conn.ts";
import type { ByteSink, ByteSource } from "../../src/io/byte_ends.ts";

/** The idle limit of the in-process tests, and the traffic that must keep it from passing. */
const LIMIT_MS = 250;
/**
 * One byte or line every TICK_MS, TICKS times: three times the limit, a sixth of it apart.
 * The in-process tests run on a {@linkcode ManualClock}: no real time passes.
 */
const TICK_MS = 40;
const TICKS = 20;

/**
 * Waits until the traffic just sent has crossed (`carried`), failing at once if
 * the connection was `closed` as idle meanwhile; then moves the clock one tick on.
 */
async function tick(
  clock: ManualClock,
  carried: () => boolean,
  closed: () => boolean,
  what: string,
): Promise<void> {
  await waitFor(
    () => {
      if (closed()) throw new Error(`closed as idle after ${what}, ${TICK_MS} ms apart`);
      return carried();
    },
    what,
    undefined,
    1,
  );
  clock.advance(TICK_MS);
}

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

Deno.test("pipeConnection() --idle keeps a connection whose peer keeps sending while our input is quiet", async () => {
  const input = new ScriptedSource();
  const conn = new FakeConnection();
  const ends = { input: new InputPump(input), output: new RecordingSink(), inputIsTerminal: false };
  const clock = new ManualClock();
  const piping = pipeConnection(conn, ends, LIMIT_MS, clock);
  for (let i = 0; i < TICKS; i++) {
    conn.incoming.push(utf8("r"));
    const carried = () => ends.output.bytes.length === i + 1;
    await tick(clock, carried, () => conn.closed, `${i + 1} incoming bytes`);
  }
  assertEquals(conn.closed, false, `open after ${TICKS * TICK_MS} ms of incoming bytes alone`);
  conn.incoming.end();
  input.end();
  const totals = await withDeadline(piping, "the end of the exchange");
  assertEquals(totals, { received: TICKS, sent: 0, idle: false });
});

Deno.test("pipeConnection() --idle keeps a connection whose input keeps sending while the peer is quiet", async () => {
  const input = new ScriptedSource();
  const conn = new FakeConnection();
  const ends = { input: new InputPump(input), output: new RecordingSink(), inputIsTerminal: false };
  const clock = new ManualClock();
  const piping = pipeConnection(conn, ends, LIMIT_MS, clock);
  for (let i = 0; i < TICKS; i++) {
    input.push(utf8("s"));
    const carried = () => conn.outgoing.bytes.length === i + 1;
    await tick(clock, carried, () => conn.closed, `${i + 1} outgoing bytes`);
  }
  assertEquals(conn.closed, false, `open after ${TICKS * TICK_MS} ms of outgoing bytes alone`);
  input.end();
  conn.incoming.end();
  const totals = await withDeadline(piping, "the end of the exchange");
  assertEquals(totals, { received: 0, sent: TICKS, idle: false });
});

Deno.test("runServerSession() --idle keeps a client that keeps talking while nobody answers it", async () => {
  const clock = new ManualClock();
  await using server = new TestServer({ idleMs: LIMIT_MS, clock });
  await using alone = await server.join();
  const idled = () => alone.lines.some((line) => line.includes("no traffic"));
  for (let i = 0; i < TICKS; i++) {
    await alone.write(`tick ${i}\n`);
    const carried = () => server.console.shown.includes(`<user1> tick ${i}`);
    await tick(clock, carried, idled, `${i + 1} lines`);
  }
  assertEquals(alone.lines.filter((line) => line.includes("no traffic")), []);
  // Once it falls silent, the limit applies.
  clock.advance(LIMIT_MS);
  await alone.waitForLine(`* no traffic for ${LIMIT_MS / 1000} s: disconnecting you`);
});

Deno.test("runServerSession() --idle keeps a quiet client that keeps receiving lines", async () => {
  const clock = new ManualClock();
  await using server = new TestServer({ idleMs: LIMIT_MS, clock });
  await using quiet = await server.join();
  const idled = () => quiet.lines.some((line) => line.includes("no traffic"));
  for (let i = 0; i < TICKS; i++) {
    server.console.type(`announcement ${i}`);
    const carried = () => quiet.lines.some((line) => line.endsWith(`announcement ${i}`));
    await tick(clock, carried, idled, `${i + 1} lines`);
  }
  assertEquals(quiet.lines.filter((line) => line.includes("no traffic")), []);
  clock.advance(LIMIT_MS);
  await quiet.waitForLine(`* no traffic for ${LIMIT_MS / 1000} s: disconnecting you`);
});

Deno.test("withActivity() reports every read and every write, and passes everything else through", async () => {
  let activity = 0;
  const fake = {
    read: (buffer: Uint8Array) => {
      buffer[0] = 1;
      return Promise.resolve(1);
    },
    write: (bytes: Uint8Array) => Promise.resolve(bytes.length),
    remoteAddr: { transport: "tcp", hostname: "127.0.0.2", port: 5 },
  } as unknown as Deno.Conn;
  const conn = withActivity(fake, () => activity++);
  assertEquals(await conn.read(new Uint8Array(4)), 1);
  assertEquals(activity, 1, "a read counts");
  assertEquals(await conn.write(new Uint8Array(3)), 3);
  assertEquals(activity, 2, "a write counts");
  assertEquals((conn.remoteAddr as Deno.NetAddr).hostname, "127.0.0.2");
});

Deno.test("withActivity() reports a pending read taken over, when its bytes arrive", async () => {
  let activity = 0;
  let arrive!: (bytes: Uint8Array) => void;
  const pending = new Promise<Uint8Array>((resolve) => arrive = resolve);
  const fake = {
    read: () => Promise.resolve(null),
    write: (bytes: Uint8Array) => Promise.resolve(bytes.length),
    takePending: () => pending,
  };
  const conn = withActivity(fake, () => activity++);
  const taken = conn.takePending()!;
  assertEquals(activity, 0, "nothing yet");
  arrive(new Uint8Array(2));
  assertEquals((await taken)?.length, 2);
  assertEquals(activity, 1, "its bytes count");
  const bare: ByteSource & ByteSink = withActivity({ read: fake.read, write: fake.write }, () => 0);
  assertEquals(bare.takePending?.(), undefined, "a source without one has none");
});

/** An interactive client session with `--idle` against a raw server socket the test drives. */
async function idleClient() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const server = await listener.accept();
  listener.close();
  const console = new FakeConsole();
  const clock = new ManualClock();
  const session = runClientSession(new PeerLink(conn), console, {
    lineEnding: "\n",
    idleMs: LIMIT_MS,
    clock,
  });
  const idleLine = `* no traffic for ${LIMIT_MS / 1000} s (--idle): closing the connection`;
  return {
    console,
    server,
    clock,
    /** Whether the session has closed for lack of traffic. */
    idled: () => console.shown.includes(idleLine),
    /** Lets the limit pass once traffic stops; waits for the session to end. */
    async idleOut(): Promise<{ code: number; received: string }> {
      clock.advance(LIMIT_MS);
      await console.waitForShown(idleLine);
      const received = await withDeadline(readToEnd(server), "the client's half-close");
      server.close();
      const code = await withDeadline(session, "the session to end");
      return { code, received: new TextDecoder().decode(received) };
    },
  };
}

Deno.test("runClientSession() --idle stays while the server keeps sending and the user types nothing", async () => {
  const t = await idleClient();
  for (let i = 0; i < TICKS; i++) {
    await t.server.write(utf8(`news ${i}\n`));
    const carried = () => t.console.shown.includes(`from server: news ${i}`);
    await tick(t.clock, carried, t.idled, `${i + 1} lines from the server`);
  }
  assertEquals((await t.idleOut()).code, 0);
});

Deno.test("runClientSession() --idle stays while the user keeps typing and the server says nothing", async () => {
  const t = await idleClient();
  for (let i = 0; i < TICKS; i++) {
    t.console.type(`typed ${i}`);
    await tick(t.clock, () => true, t.idled, `${i + 1} typed lines`);
  }
  const { code, received } = await t.idleOut();
  assertEquals(code, 0);
  assertEquals(received.split("\n").length - 1, TICKS, "every typed line reached the server");
});
