import { assertEquals } from "../_helpers/assert.ts";
import { ScreenWriter } from "../../src/terminal/screen_writer.ts";

/** A terminal that takes `room` bytes, then nothing until the test gives it more room. */
class StalledTerminal {
  written = "";
  room: number;
  readonly #decoder = new TextDecoder();
  constructor(room: number) {
    this.room = room;
  }
  tryWrite(bytes: Uint8Array): number {
    const n = Math.min(this.room, bytes.length);
    this.room -= n;
    this.written += this.#decoder.decode(bytes.subarray(0, n), { stream: true });
    return n;
  }
}

function writerOn(terminal: StalledTerminal, maxPendingBytes = 100) {
  const retries: (() => void)[] = [];
  const caughtUp: number[] = [];
  const writer = new ScreenWriter(terminal, {
    maxPendingBytes,
    onCaughtUp: (dropped) => caughtUp.push(dropped),
    schedule: (retry) => retries.push(retry),
  });
  return { writer, retries, caughtUp };
}

Deno.test("ScreenWriter writes straight through while the terminal takes everything", () => {
  const terminal = new StalledTerminal(Infinity);
  const { writer, retries } = writerOn(terminal);
  writer.write("prompt$ ");
  assertEquals(writer.writeLines("a line\n"), true);
  assertEquals(terminal.written, "prompt$ a line\n");
  assertEquals(writer.pendingBytes, 0);
  assertEquals(retries.length, 0);
});

Deno.test("ScreenWriter never waits for a full terminal: it queues, then drops whole lines past its bound", () => {
  const terminal = new StalledTerminal(10);
  const { writer, retries, caughtUp } = writerOn(terminal);
  const queued = Array.from(
    { length: 50 },
    (_, i) => writer.writeLines(`line ${i}`.padEnd(19) + "\n"),
  );
  // 10 bytes went out, 100 more may wait: five 20-byte lines in all were kept.
  assertEquals(queued.filter(Boolean).length, 5);
  assertEquals(writer.dropping, true);
  assertEquals(retries.length, 1, "one retry scheduled, not one per line");
  assertEquals(caughtUp, []);

  // The terminal is read again: the queue drains, then the count of what was missed comes.
  terminal.room = Infinity;
  retries.shift()!();
  assertEquals(caughtUp, [45]);
  assertEquals(writer.dropping, false);
  assertEquals(terminal.written.split("\n").filter((l) => l !== "").length, 5);
  assertEquals(terminal.written.startsWith("line 0"), true);
});

Deno.test("ScreenWriter keeps dropping until the queue has drained, so no stretch is half shown", () => {
  const terminal = new StalledTerminal(0);
  const { writer, retries, caughtUp } = writerOn(terminal, 40);
  writer.writeLines("a".repeat(39) + "\n");
  assertEquals(writer.writeLines("b\n"), false);
  terminal.room = 20;
  retries.shift()!();
  // Half of the queue went out: there is room again, but the gap is not over yet.
  assertEquals(writer.writeLines("c\n"), false);
  terminal.room = Infinity;
  retries.shift()!();
  assertEquals(caughtUp, [2]);
  assertEquals(writer.writeLines("d\n"), true);
  assertEquals(terminal.written, "a".repeat(39) + "\nd\n");
});

Deno.test("ScreenWriter drops everything once the terminal is gone, without throwing", () => {
  const writer = new ScreenWriter({
    tryWrite: () => {
      throw new Error("EIO");
    },
  }, { schedule: () => {} });
  writer.write("x");
  assertEquals(writer.writeLines("y\n"), true);
  assertEquals(writer.pendingBytes, 0);
});

/** A terminal that counts its writes (each one a system call on a real terminal). */
class CountingTerminal {
  writes: string[] = [];
  readonly #decoder = new TextDecoder();
  tryWrite(bytes: Uint8Array): number {
    this.writes.push(this.#decoder.decode(bytes));
    return bytes.length;
  }
}

Deno.test("ScreenWriter holds what one event draws back and writes it in one go on release", () => {
  const terminal = new CountingTerminal();
  const writer = new ScreenWriter(terminal, { schedule: () => {} });
  writer.hold();
  writer.write("\x1b[1G\x1b[0J");
  writer.hold();
  writer.write("a message\n");
  writer.release();
  writer.write("prompt$ ");
  assertEquals(terminal.writes, [], "nothing is written while held");
  writer.release();
  assertEquals(terminal.writes, ["\x1b[1G\x1b[0Ja message\nprompt$ "]);
  writer.write("x");
  assertEquals(terminal.writes.at(-1), "x", "once released, writes go straight through");
});

Deno.test("ScreenWriter writes everything waiting in one system call once the terminal takes it", () => {
  const terminal = new StalledTerminal(0);
  const retries: (() => void)[] = [];
  let calls = 0;
  const counted = new ScreenWriter({
    tryWrite: (bytes) => {
      calls++;
      return terminal.tryWrite(bytes);
    },
  }, { schedule: (retry) => retries.push(retry) });
  for (const piece of ["one\n", "two\n", "three\n"]) counted.write(piece);
  calls = 0;
  terminal.room = Infinity;
  retries.shift()!();
  assertEquals(calls, 1);
  assertEquals(terminal.written, "one\ntwo\nthree\n");
  assertEquals(counted.pendingBytes, 0);
});

Deno.test("ScreenWriter keeps text and bytes in their order while held", () => {
  const terminal = new CountingTerminal();
  const writer = new ScreenWriter(terminal, { schedule: () => {} });
  writer.hold();
  writer.write("é");
  writer.write(new TextEncoder().encode("[bytes]"));
  writer.write("à");
  assertEquals(writer.pendingBytes, 2 + 7 + 1, "é is two bytes once encoded, à one until then");
  writer.release();
  assertEquals(terminal.writes, ["é[bytes]à"]);
  assertEquals(writer.pendingBytes, 0);
});

Deno.test("ScreenWriter tells a message that would pass its bound by its UTF-8 bytes, not its length", () => {
  const terminal = new StalledTerminal(0);
  const { writer } = writerOn(terminal, 10);
  assertEquals(writer.mustDrop("é".repeat(5)), false, "10 bytes fit");
  assertEquals(writer.mustDrop("é".repeat(6)), true, "12 bytes do not, though 6 characters would");
  assertEquals(writer.mustDrop("a".repeat(10)), false);
});
