/**
 * PeerLink: its writer runs only while bytes wait (an idle link holds no loop),
 * starts in send() itself for a line sent to an idle link, and sends in order;
 * its reader shows each line as its bytes arrive.
 */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { ScriptedSource } from "../_helpers/memory_ends.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";
import { WRITE_WINDOW } from "../../src/streams/write_window.ts";

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

const decoder = new TextDecoder();

/** A connection that records each write; `hold` makes writes wait until released. */
class RecordingConn {
  readonly writes: string[] = [];
  closedWrite = false;
  closed = false;
  #held: (() => void)[] | undefined;

  hold(): void {
    this.#held = [];
  }

  release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const go of held) go();
  }

  async write(bytes: Uint8Array): Promise<number> {
    if (this.#held) await new Promise<void>((resolve) => this.#held!.push(resolve));
    this.writes.push(decoder.decode(bytes));
    return bytes.length;
  }
  closeWrite(): Promise<void> {
    this.closedWrite = true;
    return Promise.resolve();
  }
  close(): void {
    this.closed = true;
  }
  setKeepAlive(): void {}
  setNoDelay(): void {}
}

function link(): { conn: RecordingConn; link: PeerLink } {
  const conn = new RecordingConn();
  return { conn, link: new PeerLink(conn as unknown as Deno.TcpConn) };
}

Deno.test("PeerLink starts writing again for a line sent after an idle spell", async () => {
  const { conn, link: peer } = link();
  assert(peer.send("one\n"));
  assert(peer.send("two\n"));
  await peer.drained(0);
  assertEquals(conn.writes.join(""), "one\ntwo\n");
  // Idle: nothing runs; the next line starts the writer again.
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert(peer.send("three\n"));
  await peer.drained(0);
  assertEquals(conn.writes.join(""), "one\ntwo\nthree\n");
  assertEquals(conn.writes.at(-1), "three\n");
  assertEquals(peer.queuedBytes, 0);
});

Deno.test("PeerLink keeps the order of lines queued while a write is under way", async () => {
  const { conn, link: peer } = link();
  conn.hold();
  peer.send("first\n");
  await Promise.resolve();
  await Promise.resolve();
  peer.send("second\n");
  peer.send("third\n");
  assertEquals(peer.queuedBytes, 19);
  conn.release();
  await peer.drained(0);
  conn.release();
  await peer.drained(0);
  assertEquals(conn.writes.join(""), "first\nsecond\nthird\n");
});

Deno.test("PeerLink.finishSending() on a link that never sent anything half-closes at once", async () => {
  const { conn, link: peer } = link();
  await peer.finishSending();
  assert(conn.closedWrite);
  assertEquals(conn.writes, []);
  assertEquals(peer.send("late\n"), false);
});

Deno.test("PeerLink.finishSending() sends what is queued first", async () => {
  const { conn, link: peer } = link();
  peer.send("bye\n");
  await peer.finishSending();
  assertEquals(conn.writes, ["bye\n"]);
  assert(conn.closedWrite);
});

Deno.test("PeerLink: a broadcast to more links than the write window sends each its lines, in order", async () => {
  const links = 2 * WRITE_WINDOW + 5;
  let underWay = 0;
  let most = 0;
  const received: string[][] = [];
  const decoder = new TextDecoder();
  const all = Array.from({ length: links }, (_, index) => {
    received.push([]);
    const conn = {
      setKeepAlive() {},
      setNoDelay() {},
      write(bytes: Uint8Array): Promise<number> {
        received[index].push(decoder.decode(bytes));
        most = Math.max(most, ++underWay);
        // Ends on a later turn of the event loop, as a socket write does.
        return new Promise((resolve) =>
          setTimeout(() => {
            underWay--;
            resolve(bytes.length);
          }, 0)
        );
      },
      closeWrite: () => Promise.resolve(),
      close() {},
    };
    return new PeerLink(conn as unknown as Deno.TcpConn);
  });
  for (const line of ["un\n", "deux\n"]) {
    const bytes = utf8(line);
    for (const link of all) assert(link.sendBytes(bytes));
  }
  await Promise.all(all.map((link) => link.finishSending()));
  assert(most <= WRITE_WINDOW, `at most ${WRITE_WINDOW} writes under way, saw ${most}`);
  for (const lines of received) assertEquals(lines.join(""), "un\ndeux\n");
});
