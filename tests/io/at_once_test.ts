/** fulfilsAtOnce(): a promise that is as good as settled, such as a read whose bytes are there. */
import { assertEquals } from "../_helpers/assert.ts";
import { loopbackPair } from "../_helpers/loopback_pair.ts";
import { fulfilsAtOnce } from "../../src/io/at_once.ts";
import { withActivity } from "../../src/io/activity_conn.ts";
import { peekFirstBytes } from "../../src/io/peeked_conn.ts";

Deno.test("fulfilsAtOnce() is true for a promise already fulfilled, false for one still pending", async () => {
  assertEquals(await fulfilsAtOnce(Promise.resolve(1)), true);
  assertEquals(await fulfilsAtOnce(Promise.resolve(null)), true);
  let resolve!: () => void;
  const pending = new Promise<void>((r) => resolve = r);
  assertEquals(await fulfilsAtOnce(pending), false);
  resolve();
  await pending;
});

Deno.test("fulfilsAtOnce() is false for a rejected promise, which stays the caller's to handle", async () => {
  const failed = Promise.reject(new Error("reset"));
  assertEquals(await fulfilsAtOnce(failed), false);
  let caught: unknown;
  await failed.catch((error) => caught = error);
  assertEquals((caught as Error).message, "reset");
});

Deno.test("fulfilsAtOnce() is true for a socket read whose bytes have arrived, through the server's wrappers", async () => {
  using ends = await loopbackPair();
  // One write of 4 KiB is one loopback segment: once half of it is readable, all of it is.
  await ends.client.write(new Uint8Array(4096).fill(0x61));
  const { conn } = await peekFirstBytes(ends.server, 1000, 1024);
  const wrapped = withActivity(conn, () => {});
  assertEquals(await wrapped.read(new Uint8Array(1024)), 1024, "the peeked first read");
  assertEquals(await wrapped.read(new Uint8Array(1024)), 1024);
  const read = wrapped.read(new Uint8Array(65536));
  assertEquals(await fulfilsAtOnce(read), true);
  assertEquals(await read, 2048);
});

Deno.test("fulfilsAtOnce() is false for a socket read that must wait for the peer", async () => {
  using ends = await loopbackPair();
  const read = ends.server.read(new Uint8Array(1024));
  assertEquals(await fulfilsAtOnce(read), false);
  ends.client.close();
  assertEquals(await read, null);
});
