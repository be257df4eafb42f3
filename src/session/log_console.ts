/**
 * The operator's console when `tp1 serve --chat` runs without a terminal (in the
 * background, logged to a file): every room line goes to stdout plainly with
 * the time in front, operator commands may be piped in on stdin, and SIGINT or
 * SIGTERM stop the server cleanly. Output never blocks the room: if nobody
 * reads the log, lines are dropped and counted instead of piling up.
 */
import { clockTime } from "../room/member_list_format.ts";
import type { ChatConsole, ConsoleEnd } from "../terminal/prompt_console.ts";
import { reopenedBlocking } from "../pipe/patient_ends.ts";

/** How many bytes of log may wait for a slow reader before lines are dropped. */
const MAX_PENDING_BYTES = 4 * 1024 * 1024;

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
  /** The clock for the time in front of each line. */
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
    if (this.#pendingBytes + lines.length > MAX_PENDING_BYTES) {
      this.#dropped += text.split("\n").length;
      return;
    }
    this.#pending.push(lines);
    this.#pendingBytes += lines.length;
    if (!this.#writing) this.#writeLoop();
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

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const [signal, handler] of this.#signals) Deno.removeSignalListener(signal, handler);
    this.#signals = [];
    this.#finish("closed");
    // Whatever is still queued is written now: the process is about to exit.
    const rest = this.#pending.join("");
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#writeSync(rest + this.#droppedNotice());
  }

  #operatorLine(line: string, onLine: (line: string) => void): void {
    if (line.trim() === "") return;
    this.show(`server$ ${line}`);
    onLine(line);
  }

  #finish(end: ConsoleEnd): void {
    this.#end?.(end);
    this.#end = undefined;
  }

  async #writeLoop(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#pending.length > 0 && !this.#closed) {
        const text = this.#pending.join("") + this.#droppedNotice();
        this.#pending = [];
        this.#pendingBytes = 0;
        const bytes = encoder.encode(text);
        for (let at = 0; at < bytes.length;) at += await this.#output.write(bytes.subarray(at));
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
    } * ${this.#dropped} log lines were dropped: the log was not read fast enough\n`;
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
