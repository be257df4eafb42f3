/**
 * WriteWindow: at most so many writes under way at once, the others started in
 * the order asked as places free up, and writes that never end do not hold the
 * rest back for ever.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { WriteWindow } from "../../src/streams/write_window.ts";

/** Writers that record when each was let begin, and can be told its write is over. */
function writers(window: WriteWindow, count: number) {
  const begun: number[] = [];
  const all = Array.from({ length: count }, (_, index) => {
    let generation = -1;
    return {
      beginWrite: (given: number) => {
        generation = given;
        begun.push(index);
      },
      end: () => window.ended(generation),
    };
  });
  return { begun, all };
}

Deno.test("WriteWindow.start() lets a writer begin at once while places are free", () => {
  const window = new WriteWindow(2, new ManualClock());
  const { begun, all } = writers(window, 2);
  for (const writer of all) window.start(writer);
  assertEquals(begun, [0, 1]);
  assertEquals(window.waiting, 0);
});

Deno.test("WriteWindow starts waiting writers in the order asked, one per write that ends", () => {
  const window = new WriteWindow(2, new ManualClock());
  const { begun, all } = writers(window, 5);
  for (const writer of all) window.start(writer);
  assertEquals(begun, [0, 1]);
  assertEquals(window.waiting, 3);
  all[1].end();
  assertEquals(begun, [0, 1, 2]);
  all[0].end();
  all[2].end();
  assertEquals(begun, [0, 1, 2, 3, 4]);
  assertEquals(window.waiting, 0);
});

Deno.test("WriteWindow starts more beside writes that never end", async () => {
  const window = new WriteWindow(2);
  const { begun, all } = writers(window, 4);
  for (const writer of all) window.start(writer);
  assertEquals(begun, [0, 1]);
  // Neither write under way ends (two peers that stopped reading): the others go ahead anyway.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assertEquals(begun, [0, 1, 2, 3]);
  assertEquals(window.waiting, 0);
});

Deno.test("WriteWindow: writes that never end stop holding places, so later writes begin at once", () => {
  const clock = new ManualClock();
  const window = new WriteWindow(2, clock);
  const { begun, all } = writers(window, 6);
  // Two peers stopped reading: their writes never end, and fill the window.
  window.start(all[0]);
  window.start(all[1]);
  window.start(all[2]);
  assertEquals(begun, [0, 1]);
  clock.advance(50);
  assertEquals(begun, [0, 1, 2]);
  all[2].end();
  // The stuck writes are forgotten: the good clients' writes no longer wait for a timer.
  window.start(all[3]);
  assertEquals(begun, [0, 1, 2, 3]);
  all[3].end();
  window.start(all[4]);
  window.start(all[5]);
  assertEquals(begun, [0, 1, 2, 3, 4, 5]);
  assertEquals(clock.pending, 0, "nothing waits: no timer");
});

Deno.test("WriteWindow: a forgotten write that ends late frees no place it no longer holds", () => {
  const clock = new ManualClock();
  const window = new WriteWindow(2, clock);
  const { begun, all } = writers(window, 6);
  window.start(all[0]);
  window.start(all[1]);
  window.start(all[2]);
  clock.advance(50);
  window.start(all[3]);
  assertEquals(begun, [0, 1, 2, 3]);
  assertEquals(window.underWay, 2);
  // The stuck peers read at last: their old writes end, but 2 and 3 still hold both places.
  all[0].end();
  all[1].end();
  window.start(all[4]);
  assertEquals(begun, [0, 1, 2, 3]);
  assertEquals(window.underWay, 2);
  all[2].end();
  assertEquals(begun, [0, 1, 2, 3, 4]);
});

Deno.test("WriteWindow: a queue that never empties (a long flood) does not grow for ever", () => {
  const window = new WriteWindow(2, new ManualClock());
  const { all } = writers(window, 4);
  for (const writer of all) window.start(writer);
  // Each write that ends lets the next waiting one begin, and its writer waits again at once.
  for (let round = 0; round < 10_000; round++) {
    const writer = all[round % 4];
    writer.end();
    window.start(writer);
    assertEquals(window.waiting, 2);
  }
  assertEquals(window.queueLength <= 2048, true, `${window.queueLength} entries kept`);
});
