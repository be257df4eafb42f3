/**
 * PeerLink's sending side: its writer runs only while bytes wait (an idle link
 * holds no loop), yet lines queued together still go out in one write, in
 * order, however long the link was idle in between.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";

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

Deno.test("PeerLink sends lines queued together in one write, and lines sent after an idle spell too", async () => {
  const { conn, link: peer } = link();
  assert(peer.send("one\n"));
  assert(peer.send("two\n"));
  await peer.drained(0);
  assertEquals(conn.writes, ["one\ntwo\n"]);
  // Idle: nothing runs; the next line starts the writer again.
  await new Promise((resolve) => setTimeout(resolve, 5));
  assert(peer.send("three\n"));
  await peer.drained(0);
  assertEquals(conn.writes, ["one\ntwo\n", "three\n"]);
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

Deno.test("PeerLink stops sending after a failed write, and says so", async () => {
  const conn = new RecordingConn();
  conn.write = () => Promise.reject(new Deno.errors.BrokenPipe("gone"));
  const peer = new PeerLink(conn as unknown as Deno.TcpConn);
  assert(peer.send("lost\n"));
  await peer.drained(0);
  assert(peer.broken);
  assertEquals(peer.send("more\n"), false);
  await peer.finishSending();
});
