/** nextReadSize(): small reads for quiet clients, large ones only while a client sends a lot. */
import { assertEquals } from "../_helpers/assert.ts";
import { LARGE_READ, nextReadSize, SMALL_READ } from "../../src/core/read_size.ts";

Deno.test("nextReadSize() keeps a quiet client's reads small", () => {
  assertEquals(nextReadSize(SMALL_READ, 12), SMALL_READ);
  assertEquals(nextReadSize(SMALL_READ, SMALL_READ - 1), SMALL_READ);
});

Deno.test("nextReadSize() grows at once after a full read: more is waiting", () => {
  assertEquals(nextReadSize(SMALL_READ, SMALL_READ), LARGE_READ);
  // A source with its own, smaller buffer (a peeked first read) that came back full.
  assertEquals(nextReadSize(1024, 1024), LARGE_READ);
});

Deno.test("nextReadSize() after a smaller buffer that was not full is the small size", () => {
  assertEquals(nextReadSize(1024, 300), SMALL_READ);
});

Deno.test("nextReadSize() stays large while the client keeps sending, and never grows past the bound", () => {
  assertEquals(nextReadSize(LARGE_READ, LARGE_READ), LARGE_READ);
  assertEquals(nextReadSize(LARGE_READ, 5000), LARGE_READ);
  assertEquals(nextReadSize(LARGE_READ, SMALL_READ / 2), LARGE_READ);
});

Deno.test("nextReadSize() goes back to small once a read brings little", () => {
  assertEquals(nextReadSize(LARGE_READ, SMALL_READ / 2 - 1), SMALL_READ);
  assertEquals(nextReadSize(LARGE_READ, 1), SMALL_READ);
});
