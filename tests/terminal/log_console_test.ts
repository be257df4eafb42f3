import { LogConsole, type LogOutput, STALLED_AFTER_MS } from "../../src/terminal/log_console.ts";
import { assertEquals } from "../_helpers/assert.ts";
import { waitFor } from "../_helpers/deadline.ts";

class MemoryOutput implements LogOutput {
  text = "";
  #decoder = new TextDecoder();
  /** While true, writes never finish (nobody reads the log). */
  stuck = false;

  write(bytes: Uint8Array): Promise<number> {
    if (this.stuck) return new Promise(() => {});
    this.text += this.#decoder.decode(bytes);
    return Promise.resolve(bytes.length);
  }

  writeSync(bytes: Uint8Array): number {
    this.text += this.#decoder.decode(bytes);
    return bytes.length;
  }
}

const tenPast = () => new Date(2026, 2, 23, 10, 10, 5);

Deno.test("LogConsole.show() writes each line with the time in front", async () => {
  const output = new MemoryOutput();
  const log = new LogConsole({ output, now: tenPast, handleSignals: false });
  log.show("<alice> salut\n* bob joined from 10.0.0.2");
  await waitFor(() => output.text.endsWith("\n"), "the log line");
  assertEquals(output.text, "10:10:05 <alice> salut\n10:10:05 * bob joined from 10.0.0.2\n");
  log.close();
});

Deno.test("LogConsole.onLine() passes piped operator lines on and logs them; end of input is not the end", async () => {
  const output = new MemoryOutput();
  const input = ReadableStream.from([new TextEncoder().encode("/who\r\n\n/all hi")]);
  const log = new LogConsole({ output, input, now: tenPast, handleSignals: false });
  const lines: string[] = [];
  log.onLine((line) => lines.push(line));
  await waitFor(() => lines.length === 2, "two operator lines");
  assertEquals(lines, ["/who", "/all hi"]);
  await waitFor(() => output.text.includes("server$ /all hi"), "the logged command");
  let ended = false;
  log.ended.then(() => ended = true);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assertEquals(ended, false);
  log.close();
  assertEquals(await log.ended, "closed");
});

Deno.test("LogConsole keeps every line of a burst larger than its buffer when the file keeps up", async () => {
  const output = new MemoryOutput();
  const log = new LogConsole({ output, now: tenPast, handleSignals: false });
  // A flood arrives in one turn of the event loop: 6 MB before any write can finish.
  const line = "x".repeat(300);
  for (let i = 0; i < 20_000; i++) log.show(`${i} ${line}`);
  await waitFor(() => output.text.includes("19999 x"), "the last line");
  log.close();
  assertEquals(output.text.split("\n").filter((row) => row !== "").length, 20_000);
  assertEquals(output.text.includes("lost"), false);
});

Deno.test("LogConsole drops and counts lines only once the reader has stopped reading", () => {
  const output = new MemoryOutput();
  output.stuck = true;
  let time = tenPast().getTime();
  const log = new LogConsole({ output, now: () => new Date(time), handleSignals: false });
  const line = "x".repeat(1000);
  log.show(line); // the first write starts, and never finishes
  for (let i = 0; i < 5_000; i++) log.show(line);
  time += STALLED_AFTER_MS;
  for (let i = 0; i < 10_000; i++) log.show(line);
  output.stuck = false;
  log.close();
  const lost = /\* (\d+) log lines were lost: whatever reads this log stopped reading/.exec(
    output.text,
  );
  assertEquals(lost !== null && Number(lost[1]) > 5000, true, output.text.slice(-200));
  // Nothing was lost before the reader was seen to have stopped.
  assertEquals(output.text.split("\n").filter((row) => row.endsWith("x")).length, 5000);
});

Deno.test("LogConsole.close() resolves only once a write under way has landed", async () => {
  // A real write lands some time after it is handed over; the process exits after close().
  let text = "";
  const output: LogOutput = {
    write: (bytes) =>
      new Promise((resolve) =>
        setTimeout(() => {
          text += new TextDecoder().decode(bytes);
          resolve(bytes.length);
        }, 5)
      ),
    writeSync: (bytes) => {
      text += new TextDecoder().decode(bytes);
      return bytes.length;
    },
  };
  const log = new LogConsole({ output, now: tenPast, handleSignals: false });
  log.show("* user1 left");
  log.show("* server stopped: 1 client disconnected");
  await log.close();
  assertEquals(text, "10:10:05 * user1 left\n10:10:05 * server stopped: 1 client disconnected\n");
});

Deno.test("LogConsole ends with exit when the piped operator input says exit, as the prompt does", async () => {
  const output = new MemoryOutput();
  const input = ReadableStream.from([new TextEncoder().encode("/who\nexit\n")]);
  const log = new LogConsole({ output, input, now: tenPast, handleSignals: false });
  const lines: string[] = [];
  log.onLine((line) => lines.push(line));
  assertEquals(await log.ended, "exit");
  assertEquals(lines, ["/who", "exit"]);
  await log.close();
});
