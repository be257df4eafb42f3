import { assertEquals } from "../_helpers/assert.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";

/** Enough of a TCP connection for sending: records each write as it is made. */
function recordingConn() {
  const writes: string[] = [];
  const decoder = new TextDecoder();
  const conn = {
    setKeepAlive() {},
    setNoDelay() {},
    write(bytes: Uint8Array): Promise<number> {
      writes.push(decoder.decode(bytes));
      return Promise.resolve(bytes.length);
    },
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
