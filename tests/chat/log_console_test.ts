import { LogConsole, type LogOutput } from "../../src/session/log_console.ts";
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

Deno.test("LogConsole drops and counts lines when nobody reads the log, instead of growing", () => {
  const output = new MemoryOutput();
  output.stuck = true;
  const log = new LogConsole({ output, now: tenPast, handleSignals: false });
  const line = "x".repeat(1000);
  for (let i = 0; i < 10_000; i++) log.show(line);
  output.stuck = false;
  log.close();
  const dropped = /\* (\d+) log lines were dropped/.exec(output.text);
  assertEquals(dropped !== null && Number(dropped[1]) > 5000, true, output.text.slice(-200));
});
