/** peekFirstBytes(): the first bytes are seen before anyone reads them, and not lost. */
import { assertEquals } from "../_helpers/assert.ts";
import { loopbackPair } from "../_helpers/loopback_pair.ts";
import { peekFirstBytes } from "../../src/io/peeked_conn.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

async function readAll(conn: Deno.Conn, size: number): Promise<string> {
  const buffer = new Uint8Array(size);
  let text = "";
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) return text;
    text += decoder.decode(buffer.subarray(0, n));
  }
}

Deno.test("peekFirstBytes() shows the first bytes, and the next reads give them again, then the rest", async () => {
  using both = await loopbackPair();
  await both.client.write(encoder.encode("hello world"));
  const peeked = await peekFirstBytes(both.server, 5000, 5);
  assertEquals(decoder.decode(peeked.first), "hello");
  await both.client.write(encoder.encode("!"));
  both.client.closeWrite();
  // A reader with a smaller buffer gets the peeked bytes in pieces, in order.
  assertEquals(await readAll(peeked.conn, 3), "hello world!");
});

Deno.test("peekFirstBytes() lets a silent peer through after the wait, and its later bytes still arrive", async () => {
  using both = await loopbackPair();
  const peeked = await peekFirstBytes(both.server, 20);
  assertEquals(peeked.first, undefined);
  await both.client.write(encoder.encode("late"));
  both.client.closeWrite();
  assertEquals(await readAll(peeked.conn, 64), "late");
  assertEquals(peeked.conn.remoteAddr.port, both.client.localAddr.port);
});

Deno.test("peekFirstBytes() hands on the end of a peer that left without a word", async () => {
  using both = await loopbackPair();
  both.client.closeWrite();
  const peeked = await peekFirstBytes(both.server, 5000);
  assertEquals(peeked.first, undefined);
  assertEquals(await peeked.conn.read(new Uint8Array(8)), null);
});

Deno.test("peekFirstBytes() lets a reader take the pending first read over, in its own buffer, then read on", async () => {
  using both = await loopbackPair();
  const peeked = await peekFirstBytes(both.server, 20, 16);
  assertEquals(peeked.first, undefined);
  const source = peeked.conn as Deno.TcpConn & {
    takePending(): Promise<Uint8Array | null> | undefined;
  };
  const pending = source.takePending();
  // Taken once: afterwards the reader reads into its own buffer.
  assertEquals(source.takePending(), undefined);
  await both.client.write(encoder.encode("hello"));
  const first = await pending!;
  assertEquals(decoder.decode(first!), "hello");
  assertEquals(first!.buffer.byteLength, 16);
  await both.client.write(encoder.encode(" again"));
  both.client.closeWrite();
  assertEquals(await readAll(peeked.conn, 64), " again");
});

Deno.test("peekFirstBytes() has nothing pending to take over once the first read was handed on", async () => {
  using both = await loopbackPair();
  await both.client.write(encoder.encode("abc"));
  const peeked = await peekFirstBytes(both.server, 5000);
  const source = peeked.conn as Deno.TcpConn & {
    takePending(): Promise<Uint8Array | null> | undefined;
  };
  const into = new Uint8Array(2);
  assertEquals(await peeked.conn.read(into), 2);
  assertEquals(source.takePending(), undefined);
  both.client.closeWrite();
  assertEquals(await readAll(peeked.conn, 64), "c");
});

Deno.test("peekFirstBytes() hands on the end of a peer that left, to a reader taking the pending read", async () => {
  using both = await loopbackPair();
  const peeked = await peekFirstBytes(both.server, 20);
  both.client.closeWrite();
  const source = peeked.conn as Deno.TcpConn & {
    takePending(): Promise<Uint8Array | null> | undefined;
  };
  assertEquals(await source.takePending(), null);
});
