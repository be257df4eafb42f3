/**
 * IdleWatch: `expired` resolves after the limit without traffic, traffic pushes
 * it back, and all the watches on one clock share one timer.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { IdleWatch } from "../../src/io/idle_watch.ts";

/** Whether `watch` has expired, once the promise callbacks have run. */
async function hasExpired(watch: IdleWatch): Promise<boolean> {
  let expired = false;
  watch.expired.then(() => expired = true);
  await new Promise((resolve) => setTimeout(resolve, 0));
  return expired;
}

Deno.test("IdleWatch expires after the limit without traffic, later for a watch that had some", async () => {
  const clock = new ManualClock();
  const quiet = new IdleWatch(1000, clock);
  const busy = new IdleWatch(1000, clock);
  clock.advance(600);
  busy.touch();
  clock.advance(400);
  assertEquals(await hasExpired(quiet), true);
  assertEquals(await hasExpired(busy), false);
  clock.advance(599);
  assertEquals(await hasExpired(busy), false);
  clock.advance(1);
  assertEquals(await hasExpired(busy), true);
  assertEquals(clock.pending, 0, "nothing left to watch, no timer");
});

Deno.test("IdleWatch: the watches on one clock share one timer, cancelled when the last stops", () => {
  const clock = new ManualClock();
  const watches = Array.from({ length: 50 }, (_, i) => {
    clock.advance(i);
    return new IdleWatch(5000 + (i % 7) * 100, clock);
  });
  assertEquals(clock.pending, 1);
  for (const watch of watches) watch.stop();
  assertEquals(clock.pending, 0);
});

Deno.test("IdleWatch: watches with different limits on one clock each expire at their own time", async () => {
  const clock = new ManualClock();
  const limits = [3000, 1000, 2000, 1500, 2500];
  const watches = limits.map((limit) => new IdleWatch(limit, clock));
  for (const limit of [...limits].sort((a, b) => a - b)) {
    clock.advance(limit - clock.now() - 1);
    const index = limits.indexOf(limit);
    assertEquals(await hasExpired(watches[index]), false, `${limit} ms: not yet`);
    clock.advance(1);
    assertEquals(await hasExpired(watches[index]), true, `${limit} ms: expired`);
  }
});

Deno.test("IdleWatch never asks for a timer longer than setTimeout() can hold (--idle of weeks)", async () => {
  const clock = new ManualClock();
  const waits: number[] = [];
  const schedule = clock.schedule.bind(clock);
  clock.schedule = (fn, ms) => {
    waits.push(ms);
    return schedule(fn, ms);
  };
  const limit = 3_000_000 * 1000;
  const watch = new IdleWatch(limit, clock);
  assertEquals(Math.max(...waits) <= 2 ** 31 - 1, true, `asked for ${Math.max(...waits)} ms`);
  clock.advance(limit - 1);
  assertEquals(await hasExpired(watch), false);
  clock.advance(1);
  assertEquals(await hasExpired(watch), true);
  assertEquals(Math.max(...waits) <= 2 ** 31 - 1, true, `asked for ${Math.max(...waits)} ms`);
});
