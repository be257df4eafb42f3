import { assertEquals, assertRejects } from "../_helpers/assert.ts";
/** The io layer's timers and byte joining: one copy each, shared by every layer above. */
import { concat } from "../../src/io/concat.ts";
import { deadline } from "../../src/io/deadline.ts";
import { sleep } from "../../src/io/delay.ts";

/** io timers do not hold the process open, so a test holds it while it waits on one. */
async function held<T>(waiting: Promise<T>): Promise<T> {
  const hold = setInterval(() => {}, 1000);
  try {
    return await waiting;
  } finally {
    clearInterval(hold);
  }
}

Deno.test("deadline gives the work's value when it settles first", async () => {
  assertEquals(await deadline(Promise.resolve(42), 60_000), 42);
});

Deno.test("deadline gives timeout when the work never settles", async () => {
  assertEquals(await held(deadline(new Promise(() => {}), 1)), "timeout");
});

Deno.test("deadline passes the work's rejection on", async () => {
  await assertRejects(() => deadline(Promise.reject(new Error("boom")), 60_000), Error, "boom");
});

Deno.test("sleep rejects with the signal's reason when aborted", async () => {
  const stop = new AbortController();
  const waiting = sleep(60_000, stop.signal);
  stop.abort(new Error("ctrl-c"));
  await assertRejects(() => waiting, Error, "ctrl-c");
  await assertRejects(() => sleep(1, stop.signal), Error, "ctrl-c");
});

Deno.test("sleep resolves after its time, holding the process open meanwhile", async () => {
  assertEquals(await sleep(1), undefined);
});

Deno.test("concat joins chunks in order", () => {
  const joined = concat([Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)]);
  assertEquals([...joined], [1, 2, 3]);
});
