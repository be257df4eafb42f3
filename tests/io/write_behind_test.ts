/** Tests for WriteBehind: in order, copied, waiting only past its limit, and saying when the sink failed. */
import { assertEquals } from "../_helpers/assert.ts";
import { RecordingSink } from "../_helpers/memory_ends.ts";
import { WriteBehind } from "../../src/io/write_behind.ts";
import type { ByteSink } from "../../src/io/byte_ends.ts";

/** A sink whose writes wait until `release()`; what it took is in `taken`. */
class GatedSink implements ByteSink {
  readonly taken: number[] = [];
  #gates: (() => void)[] = [];

  write(bytes: Uint8Array): Promise<number> {
    return new Promise((resolve) =>
      this.#gates.push(() => {
        this.taken.push(...bytes);
        resolve(bytes.length);
      })
    );
  }

  /** Lets the writes waiting now go through. */
  release(): void {
    const gates = this.#gates;
    this.#gates = [];
    gates.forEach((open) => open());
  }
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  promise.then(() => done = true, () => done = true);
  // Enough turns of the microtask queue for a write that could go through to do so.
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return done;
};

Deno.test("WriteBehind writes every push in order, from copies (the caller may reuse its buffer at once)", async () => {
  const sink = new RecordingSink(3);
  const behind = new WriteBehind(sink, 1024);
  const buffer = new Uint8Array([1, 2, 3, 4, 5]);
  assertEquals(await behind.push(buffer), true);
  buffer.fill(9);
  assertEquals(await behind.push(buffer.subarray(0, 2)), true);
  assertEquals(await behind.push(new Uint8Array()), true);
  assertEquals(await behind.flush(), true);
  assertEquals(sink.bytes, new Uint8Array([1, 2, 3, 4, 5, 9, 9]));
});

Deno.test("WriteBehind.push() returns at once below its limit, and waits while more than it is queued", async () => {
  const sink = new GatedSink();
  const behind = new WriteBehind(sink, 4);
  assertEquals(await settled(behind.push(new Uint8Array([1, 2, 3]))), true);
  const second = behind.push(new Uint8Array([4, 5]));
  assertEquals(await settled(second), false);
  sink.release();
  assertEquals(await second, true);
  const flushed = behind.flush();
  assertEquals(await settled(flushed), false);
  sink.release();
  assertEquals(await flushed, true);
  assertEquals(sink.taken, [1, 2, 3, 4, 5]);
});

Deno.test("WriteBehind says false once a write failed, and drops what was waiting", async () => {
  const sink = new RecordingSink();
  sink.failWith(new Deno.errors.BrokenPipe("nobody reads"));
  const behind = new WriteBehind(sink, 1024);
  await behind.push(new Uint8Array([1]));
  assertEquals(await behind.flush(), false);
  assertEquals(await behind.push(new Uint8Array([2])), false);
  assertEquals(sink.chunks, []);
});

Deno.test("WriteBehind.abandon() drops what waits on a stuck sink: a waiting push and flush() return false at once", async () => {
  const sink = new GatedSink();
  const behind = new WriteBehind(sink, 4);
  assertEquals(await behind.push(new Uint8Array([1, 2, 3])), true);
  const waiting = behind.push(new Uint8Array([4, 5]));
  const flushed = behind.flush();
  assertEquals(behind.waiting, 5);
  assertEquals(behind.abandon(), 5);
  assertEquals(await waiting, false);
  assertEquals(await flushed, false);
  assertEquals(await behind.push(new Uint8Array([6])), false);
  assertEquals(behind.waiting, 0);
  // The stuck write going through later changes nothing.
  sink.release();
  assertEquals(await behind.flush(), false);
});
