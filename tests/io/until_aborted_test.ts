import { assertEquals, assertRejects } from "../_helpers/assert.ts";
import { untilAborted } from "../../src/io/until_aborted.ts";

Deno.test("untilAborted() gives the work's value when the signal stays quiet", async () => {
  assertEquals(await untilAborted(Promise.resolve(7), new AbortController().signal), 7);
  assertEquals(await untilAborted(Promise.resolve(8)), 8);
});

Deno.test("untilAborted() rejects with the signal's reason once it aborts first, or already has", async () => {
  const never = new Promise<number>(() => {});
  const controller = new AbortController();
  const waiting = untilAborted(never, controller.signal);
  controller.abort(new RangeError("given up"));
  await assertRejects(() => waiting, RangeError, "given up");
  await assertRejects(() => untilAborted(never, controller.signal), RangeError, "given up");
});

Deno.test("untilAborted() passes the work's own failure on", async () => {
  const failing = Promise.reject(new TypeError("refused"));
  await assertRejects(() => untilAborted(failing, new AbortController().signal), TypeError);
});
