import { assertEquals } from "../_helpers/assert.ts";
import { PartialLineFlush } from "../../src/streams/partial_line_flush.ts";

const PIECE = { full: false, endsLine: false };

Deno.test("PartialLineFlush waits 40 ms for a peer that has never ended a line", () => {
  const flush = new PartialLineFlush();
  flush.arrived(1000, PIECE);
  assertEquals(flush.dueAt(), 1040);
});

Deno.test("PartialLineFlush waits 1 s once the peer has ended a line", () => {
  const flush = new PartialLineFlush();
  flush.arrived(0, { full: false, endsLine: true });
  flush.arrived(5000, PIECE);
  assertEquals(flush.endsLines, true);
  assertEquals(flush.dueAt(), 6000);
});

Deno.test("PartialLineFlush waits the long wait after a full read, then the short one again", () => {
  const flush = new PartialLineFlush();
  flush.arrived(0, { full: true, endsLine: false });
  assertEquals(flush.dueAt(), 1000);
  flush.arrived(10, PIECE);
  assertEquals(flush.dueAt(), 50);
});

Deno.test("PartialLineFlush has nothing due while the sender is held back, and counts from its release", () => {
  const flush = new PartialLineFlush();
  flush.arrived(0, PIECE);
  flush.holdBack();
  assertEquals(flush.dueAt(), undefined);
  flush.resume(700);
  assertEquals(flush.dueAt(), 740);
});

Deno.test("PartialLineFlush leaves at least 500 ms between two flushes of one sender", () => {
  const flush = new PartialLineFlush();
  flush.arrived(0, PIECE);
  flush.flushed(40);
  flush.arrived(100, PIECE);
  assertEquals(flush.dueAt(), 540);
  flush.arrived(900, PIECE);
  assertEquals(flush.dueAt(), 940);
});

Deno.test("PartialLineFlush takes other waits when given", () => {
  const flush = new PartialLineFlush({ idleMs: 5 });
  flush.arrived(0, PIECE);
  assertEquals(flush.dueAt(), 5);
  assertEquals(flush.timings.lineEndingIdleMs, 1000);
});
