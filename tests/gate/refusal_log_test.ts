/** Tests for RefusalLog: how many refusals reach the operator's log. */
import { assertEquals } from "../_helpers/assert.ts";
import { RefusalLog } from "../../src/gate/refusal_log.ts";
import { setLanguage } from "../../src/i18n/catalogue.ts";

const LIMITS = { perSource: 2, overall: 4, windowMs: 60_000, sources: 3 };

Deno.test("RefusalLog gives a source a few lines a window, then counts, then tells the count", () => {
  const log = new RefusalLog(LIMITS);
  assertEquals(log.lines("10.0.0.1", 0, "r1"), ["r1"]);
  assertEquals(log.lines("10.0.0.1", 1_000, "r2"), ["r2"]);
  assertEquals(log.lines("10.0.0.1", 20_000, "r3"), [
    "* 10.0.0.1 is refused again and again: its refusals in the next 40 s are counted, not logged",
  ]);
  assertEquals(log.lines("10.0.0.1", 30_000, "r4"), []);
  // Another source still has its own lines.
  assertEquals(log.lines("10.0.0.2", 30_000, "other"), ["other"]);
  assertEquals(log.lines("10.0.0.1", 61_000, "r5"), [
    "* 10.0.0.1: 2 refusals were not logged",
    "r5",
  ]);
});

Deno.test("RefusalLog bounds all sources together: a flood from many addresses goes quiet too", () => {
  const log = new RefusalLog(LIMITS);
  const shown: string[] = [];
  for (let i = 0; i < 1_000; i++) {
    shown.push(...log.lines(`127.0.${i >> 8}.${i & 255}`, i, `r${i}`));
  }
  assertEquals(shown, [
    "r0",
    "r1",
    "r2",
    "r3",
    "* too many refusals to log: those of the next 60 s are counted, not logged",
  ]);
  assertEquals(log.lines("127.9.9.9", 70_000, "late"), ["* 996 refusals were not logged", "late"]);
});

Deno.test("RefusalLog remembers a bounded number of sources", () => {
  const log = new RefusalLog({ ...LIMITS, overall: 1_000 });
  for (let round = 0; round < 3; round++) {
    for (const source of ["a", "b", "c", "d"]) log.lines(source, round, "r");
  }
  // With room for 3 sources, "a" was forgotten before each of its returns: never quiet.
  assertEquals(log.lines("a", 10, "r"), ["r"]);
});

Deno.test("RefusalLog speaks French", () => {
  setLanguage("fr");
  try {
    const log = new RefusalLog(LIMITS);
    // French puts a no-break space before ":"; compared here as a plain space.
    const lines = (at: number, line: string) =>
      log.lines("10.0.0.1", at, line).map((l) => l.replace(/[\u00a0\u202f]/g, " "));
    log.lines("10.0.0.1", 0, "r1");
    log.lines("10.0.0.1", 0, "r2");
    assertEquals(lines(0, "r3"), [
      "* 10.0.0.1 est refusé encore et encore : ses refus des 60 s à venir sont comptés, pas affichés",
    ]);
    log.lines("10.0.0.1", 1, "r4");
    assertEquals(lines(60_000, "r5"), ["* 10.0.0.1 : 2 refus non affichés", "r5"]);
  } finally {
    setLanguage("en");
  }
});

Deno.test("RefusalLog tells the count when the window ends, though the source was not refused again", () => {
  const log = new RefusalLog(LIMITS);
  assertEquals(log.nextFlushMs(), undefined);
  for (const at of [0, 1_000, 2_000, 3_000]) log.lines("10.0.0.1", at, "r");
  // The script stopped after 3 s: its window ends at 60 s, and the count is due then.
  assertEquals(log.nextFlushMs(), 60_000);
  assertEquals(log.flush(59_999), []);
  assertEquals(log.flush(60_000), ["* 10.0.0.1: 2 refusals were not logged"]);
  assertEquals(log.nextFlushMs(), undefined);
  assertEquals(log.flush(120_000), []);
  // The source starts afresh: its next refusal is logged.
  assertEquals(log.lines("10.0.0.1", 130_000, "again"), ["again"]);
});

Deno.test("RefusalLog tells the overall count when its window ends, without a later refusal", () => {
  const log = new RefusalLog(LIMITS);
  for (let i = 0; i < 10; i++) log.lines(`127.0.0.${i}`, i, `r${i}`);
  assertEquals(log.nextFlushMs(), 60_000);
  assertEquals(log.flush(60_000), ["* 6 refusals were not logged"]);
  assertEquals(log.nextFlushMs(), undefined);
});
