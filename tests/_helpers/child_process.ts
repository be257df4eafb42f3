/**
 * A subprocess under test: its output is collected in the background so a test
 * can wait for a line, feed stdin, and always reap the process (even on failure)
 * with `await using`.
 */
import { utf8 } from "./bytes.ts";
import { concat } from "../../src/io/concat.ts";
import { DEFAULT_DEADLINE_MS, waitFor } from "./deadline.ts";

/** How a finished process ended and what it printed. */
export interface Finished {
  readonly code: number;
  readonly signal: Deno.Signal | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Uint8Array<ArrayBuffer>;
}

/** Options for {@linkcode ChildProcess}. */
export interface ChildOptions {
  /** "piped" (default) lets the test write; "null" gives an empty, non-terminal stdin. */
  readonly stdin?: "piped" | "null";
  readonly cwd?: string | URL;
  readonly env?: Record<string, string>;
}

const decoder = new TextDecoder();

/** A spawned process with collected stdout and stderr. */
export class ChildProcess implements AsyncDisposable {
  readonly name: string;
  readonly #child: Deno.ChildProcess;
  readonly #stdoutChunks: Uint8Array[] = [];
  #stderr = "";
  #status: Deno.CommandStatus | undefined;
  readonly #drained: Promise<void>;
  #stdin: WritableStreamDefaultWriter<Uint8Array> | undefined;

  constructor(command: string, args: readonly string[], options: ChildOptions = {}) {
    this.name = [command.split("/").pop(), ...args].join(" ");
    const child = new Deno.Command(command, {
      args: [...args],
      cwd: options.cwd,
      env: options.env,
      stdin: options.stdin ?? "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    this.#child = child;
    if ((options.stdin ?? "piped") === "piped") this.#stdin = child.stdin.getWriter();
    const stderrDecoder = new TextDecoder();
    this.#drained = Promise.all([
      (async () => {
        for await (const chunk of child.stdout) this.#stdoutChunks.push(chunk);
      })(),
      (async () => {
        for await (const chunk of child.stderr) {
          this.#stderr += stderrDecoder.decode(chunk, { stream: true });
        }
      })(),
      child.status.then((status) => {
        this.#status = status;
      }),
    ]).then(() => undefined);
  }

  /** The process id. */
  get pid(): number {
    return this.#child.pid;
  }

  /** Everything written to stdout so far. */
  get stdoutBytes(): Uint8Array<ArrayBuffer> {
    return concat(this.#stdoutChunks);
  }

  /** Everything written to stdout so far, as text. */
  get stdout(): string {
    return decoder.decode(this.stdoutBytes);
  }

  /** Everything written to stderr so far. */
  get stderr(): string {
    return this.#stderr;
  }

  /** Whether the process has exited. */
  get exited(): boolean {
    return this.#status !== undefined;
  }

  /** Writes to stdin. */
  async write(data: string | Uint8Array): Promise<void> {
    if (!this.#stdin) throw new Error(`${this.name}: stdin is not piped`);
    await this.#stdin.write(typeof data === "string" ? utf8(data) : data);
  }

  /** Closes stdin (the process reads end of input). Safe to call twice. */
  async closeStdin(): Promise<void> {
    const stdin = this.#stdin;
    this.#stdin = undefined;
    await stdin?.close().catch(() => undefined);
  }

  /** Waits until stdout contains `expected`; fails early if the process exits without it. */
  waitForStdout(expected: string | RegExp, ms = DEFAULT_DEADLINE_MS): Promise<string> {
    return this.#waitForText(() => this.stdout, expected, "stdout", ms);
  }

  /** Waits until stderr contains `expected`; fails early if the process exits without it. */
  waitForStderr(expected: string | RegExp, ms = DEFAULT_DEADLINE_MS): Promise<string> {
    return this.#waitForText(() => this.stderr, expected, "stderr", ms);
  }

  /** Waits for the process to exit by itself and for its output to be read. */
  async finished(ms = DEFAULT_DEADLINE_MS): Promise<Finished> {
    await waitFor(() => this.exited, () => `${this.name} to exit; ${this.#describeOutput()}`, ms);
    await this.#drained;
    const status = this.#status!;
    return {
      code: status.code,
      signal: status.signal,
      stdout: this.stdout,
      stderr: this.stderr,
      stdoutBytes: this.stdoutBytes,
    };
  }

  /** Sends `signal` if the process still runs. */
  kill(signal: Deno.Signal = "SIGTERM"): void {
    if (this.exited) return;
    try {
      this.#child.kill(signal);
    } catch {
      // It exited in the meantime.
    }
  }

  /** Closes stdin, kills the process if it still runs, and reaps it. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.closeStdin();
    this.kill("SIGKILL");
    await this.#drained;
  }

  async #waitForText(
    read: () => string,
    expected: string | RegExp,
    stream: string,
    ms: number,
  ): Promise<string> {
    const matches = () =>
      typeof expected === "string" ? read().includes(expected) : expected.test(read());
    await waitFor(
      () => {
        if (matches()) return true;
        if (this.exited) {
          throw new Error(
            `${this.name} exited before printing ${expected} on ${stream}; ${this.#describeOutput()}`,
          );
        }
        return false;
      },
      () => `${expected} on the ${stream} of ${this.name}; ${this.#describeOutput()}`,
      ms,
    );
    return read();
  }

  #describeOutput(): string {
    const clip = (text: string) => JSON.stringify(text.length > 800 ? text.slice(-800) : text);
    const status = this.#status ? `exit code ${this.#status.code}, ` : "";
    return `${status}stdout ${clip(this.stdout)}, stderr ${clip(this.stderr)}`;
  }
}
