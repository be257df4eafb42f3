/**
 * WriteWindow: at most so many writes under way at once, the others started in
 * the order asked as places free up, and writes that never end do not hold the
 * rest back for ever.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { WriteWindow } from "../../src/streams/write_window.ts";

/** A writer that records when it was let begin, and can be told its write is over. */
function writers(window: WriteWindow, count: number) {
  const begun: number[] = [];
  const all = Array.from({ length: count }, (_, index) => ({
    beginWrite: () => void begun.push(index),
    end: () => window.ended(),
  }));
  return { begun, all };
}

Deno.test("WriteWindow.start() lets a writer begin at once while places are free", () => {
  const window = new WriteWindow(2);
  const { begun, all } = writers(window, 2);
  for (const writer of all) window.start(writer);
  assertEquals(begun, [0, 1]);
  assertEquals(window.waiting, 0);
});

Deno.test("WriteWindow starts waiting writers in the order asked, one per write that ends", () => {
  const window = new WriteWindow(2);
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
