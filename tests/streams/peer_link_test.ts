import { assertEquals, assertRejects } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { ScriptedSource } from "../_helpers/memory_ends.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";

/** Enough of a TCP connection for sending: records each write as it is made. */
function recordingConn(incoming = new ScriptedSource()) {
  const writes: string[] = [];
  const decoder = new TextDecoder();
  const conn = {
    setKeepAlive() {},
    setNoDelay() {},
    write(bytes: Uint8Array): Promise<number> {
      writes.push(decoder.decode(bytes));
      return Promise.resolve(bytes.length);
    },
    read: (buffer: Uint8Array) => incoming.read(buffer),
    closeWrite: () => Promise.resolve(),
    close() {},
  };
  return { conn: conn as unknown as Deno.TcpConn, writes };
}

Deno.test("PeerLink writes a line sent to an idle link within send(), before anything else runs", async () => {
  const { conn, writes } = recordingConn();
  const link = new PeerLink(conn);
  link.send("salut\n");
  // Not a microtask later: the screen redraw that follows a typed line must not go first.
  assertEquals(writes, ["salut\n"]);
  await link.finishSending();
});

Deno.test("PeerLink sends lines queued during a write together, in order, once it is done", async () => {
  const { conn, writes } = recordingConn();
  const link = new PeerLink(conn);
  link.send("un\n");
  link.send("deux\n");
  link.send("trois\n");
  await link.finishSending();
  assertEquals(writes, ["un\n", "deux\ntrois\n"]);
  assertEquals(link.queuedBytes, 0);
});

Deno.test("PeerLink stops sending after a failed write and says so", async () => {
  const { conn } = recordingConn();
  (conn as unknown as { write: () => Promise<number> }).write = () =>
    Promise.reject(new Deno.errors.BrokenPipe("gone"));
  const link = new PeerLink(conn);
  assertEquals(link.send("perdu\n"), true);
  await link.finishSending();
  assertEquals(link.broken, true);
  assertEquals(link.send("encore\n"), false);
});

/** Lets pending reads and their callbacks run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

Deno.test("PeerLink.receive() shows each line as its bytes arrive, a partial one after its wait, and ends closed", async () => {
  const incoming = new ScriptedSource();
  const clock = new ManualClock();
  const { conn } = recordingConn(incoming);
  const link = new PeerLink(conn, { clock });
  const shown: string[] = [];
  const ended = link.receive((line) => shown.push(line));
  incoming.push(utf8("bonjour\nà toi"));
  await settle();
  assertEquals(shown, ["bonjour"]);
  assertEquals(clock.pending, 1, "the partial line waits for its newline");
  clock.advance(1000);
  assertEquals(shown, ["bonjour", "à toi"]);
  incoming.push(utf8(" aussi\n"));
  incoming.end();
  assertEquals(await ended, "closed");
  assertEquals(shown, ["bonjour", "à toi", " aussi"]);
  assertEquals(clock.pending, 0);
});

Deno.test("PeerLink.receive() rejects with what onLine throws, for a flushed partial line too", async () => {
  const incoming = new ScriptedSource();
  const clock = new ManualClock();
  const { conn } = recordingConn(incoming);
  const link = new PeerLink(conn, { clock });
  const ended = link.receive(() => {
    throw new RangeError("not a tp1 server");
  });
  incoming.push(utf8("\x15\x03\x03"));
  await settle();
  clock.advance(1000);
  await assertRejects(() => ended, RangeError);
  incoming.end();
});

Deno.test("PeerLink.receive() says reset when the peer resets the connection", async () => {
  const incoming = new ScriptedSource();
  const { conn } = recordingConn(incoming);
  const link = new PeerLink(conn);
  const ended = link.receive(() => {});
  incoming.fail(new Deno.errors.ConnectionReset("reset"));
  assertEquals(await ended, "reset");
});
