/**
 * The operator's console when `tp1 serve --chat` runs without a terminal (in the
 * background, logged to a file): every room line goes to stdout plainly with
 * the time in front, operator commands may be piped in on stdin, and SIGINT or
 * SIGTERM stop the server cleanly. Output never blocks the room, and a file or
 * a pipe that keeps up gets every line, however large the burst (a flood can
 * produce megabytes in one turn of the event loop, before any write finishes).
 * Only a reader that stops (a write unfinished for seconds) loses lines, counted
 * and said, instead of letting them pile up.
 */
import { clockTime } from "../core/clock_text.ts";
import { deadline } from "../io/deadline.ts";
import type { ChatConsole, ConsoleEnd } from "./prompt_console.ts";
import { reopenedBlocking } from "../io/patient_ends.ts";

/** How many bytes of log may wait for a reader that has stopped before lines are dropped. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;
/** A write unfinished for this long means nobody is reading the log. */
export const STALLED_AFTER_MS = 2000;
/** Beyond this, lines are dropped even for a reader still reading: it is far slower than the room. */
const MAX_PENDING_BYTES_READING = 64 * 1024 * 1024;

/** Where the log goes: stdout, or a test's sink. */
export interface LogOutput {
  write(bytes: Uint8Array): Promise<number>;
  writeSync(bytes: Uint8Array): number;
}

/** Options for a {@linkcode LogConsole}. */
export interface LogConsoleOptions {
  /** Where log lines go (default stdout). */
  readonly output?: LogOutput;
  /** Operator lines, one per line; undefined reads nothing (stdin is a terminal we may not own). */
  readonly input?: ReadableStream<Uint8Array>;
  /** The clock for the time in front of each line, and for telling a stopped reader. */
  readonly now?: () => Date;
  /** Whether SIGINT and SIGTERM end the session (default true). */
  readonly handleSignals?: boolean;
}

const encoder = new TextEncoder();

/** A console that writes a timestamped log and reads piped commands. */
export class LogConsole implements ChatConsole {
  readonly ended: Promise<ConsoleEnd>;
  readonly #output: LogOutput;
  readonly #input: ReadableStream<Uint8Array> | undefined;
  readonly #now: () => Date;
  #end: ((end: ConsoleEnd) => void) | undefined;
  #pending: string[] = [];
  #pendingBytes = 0;
  #dropped = 0;
  #writing = false;
  /** The write loop while it runs. */
  #loop: Promise<void> = Promise.resolve();
  #closing: Promise<void> = Promise.resolve();
  /** When the output last took bytes (or was handed some), while a write is under way. */
  #progressAt = 0;
  #closed = false;
  #signals: [Deno.Signal, () => void][] = [];

  constructor(options: LogConsoleOptions = {}) {
    // A stdout left non-blocking would fail writes with WouldBlock: use a blocking one of our own.
    this.#output = options.output ?? reopenedBlocking(1) ?? Deno.stdout;
    this.#input = options.input;
    this.#now = options.now ?? (() => new Date());
    this.ended = new Promise((resolve) => this.#end = resolve);
    if (options.handleSignals ?? true) {
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        const onSignal = () => {
          // A second signal means "now": the clean stop is taking too long.
          if (!this.#end) Deno.exit(130);
          this.#finish("interrupt");
        };
        Deno.addSignalListener(signal, onSignal);
        this.#signals.push([signal, onSignal]);
      }
    }
  }

  show(text: string): void {
    const time = clockTime(this.#now());
    const lines = `${time} ${text.replaceAll("\n", `\n${time} `)}\n`;
    if (this.#closed) {
      this.#writeSync(lines);
      return;
    }
    const limit = this.#stalled() ? MAX_PENDING_BYTES : MAX_PENDING_BYTES_READING;
    if (this.#pendingBytes + lines.length > limit) {
      this.#dropped += text.split("\n").length;
      return;
    }
    this.#pending.push(lines);
    this.#pendingBytes += lines.length;
    if (!this.#writing) this.#loop = this.#writeLoop();
  }

  onLine(onLine: (line: string) => void): void {
    if (!this.#input) return;
    const input = this.#input;
    (async () => {
      let partial = "";
      try {
        for await (const text of input.pipeThrough(new TextDecoderStream())) {
          const lines = (partial + text).split("\n");
          partial = lines.pop()!;
          for (const line of lines) this.#operatorLine(line.replace(/\r$/, ""), onLine);
          if (this.#closed) return;
        }
        if (partial !== "") this.#operatorLine(partial, onLine);
      } catch {
        // Input closed under us: the server keeps running without it.
      }
    })();
  }

  /** Stops; resolves once every line is written (the process exits after this). */
  close(): Promise<void> {
    if (this.#closed) return this.#closing;
    this.#closed = true;
    for (const [signal, handler] of this.#signals) Deno.removeSignalListener(signal, handler);
    this.#signals = [];
    this.#finish("closed");
    this.#closing = (async () => {
      // A write under way finishes first, or its lines (the last ones, such as
      // "server stopped") would die with the process; unless nobody reads.
      if (this.#writing && !this.#stalled()) {
        await deadline(this.#loop, STALLED_AFTER_MS);
      }
      // Whatever is still waiting is written now.
      const rest = this.#pending.join("");
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#writeSync(rest + this.#droppedNotice());
    })();
    return this.#closing;
  }

  #operatorLine(line: string, onLine: (line: string) => void): void {
    if (line.trim() === "") return;
    this.show(`server$ ${line}`);
    onLine(line);
    // As at the prompt, "exit" stops the server.
    if (line.trim() === "exit") this.#finish("exit");
  }

  #finish(end: ConsoleEnd): void {
    this.#end?.(end);
    this.#end = undefined;
  }

  /** Whether a write has been waiting so long that the reader must have stopped. */
  #stalled(): boolean {
    return this.#writing && this.#now().getTime() - this.#progressAt >= STALLED_AFTER_MS;
  }

  async #writeLoop(): Promise<void> {
    this.#writing = true;
    this.#progressAt = this.#now().getTime();
    try {
      while (this.#pending.length > 0 && !this.#closed) {
        const text = this.#pending.join("") + this.#droppedNotice();
        this.#pending = [];
        this.#pendingBytes = 0;
        const bytes = encoder.encode(text);
        for (let at = 0; at < bytes.length;) {
          at += await this.#output.write(bytes.subarray(at));
          this.#progressAt = this.#now().getTime();
        }
      }
    } catch {
      // The log cannot be written (closed pipe): the room goes on without it.
      this.#pending = [];
      this.#pendingBytes = 0;
    } finally {
      this.#writing = false;
    }
  }

  #droppedNotice(): string {
    if (this.#dropped === 0) return "";
    const notice = `${
      clockTime(this.#now())
    } * ${this.#dropped} log lines were lost: whatever reads this log stopped reading for a while\n`;
    this.#dropped = 0;
    return notice;
  }

  #writeSync(text: string): void {
    if (text === "") return;
    const bytes = encoder.encode(text);
    try {
      for (let at = 0; at < bytes.length;) at += this.#output.writeSync(bytes.subarray(at));
    } catch {
      // Nowhere to write: nothing to do.
    }
  }
}
