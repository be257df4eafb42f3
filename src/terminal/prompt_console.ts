/**
 * The interactive terminal: a prompt with line editing and history
 * (`node:readline`), and messages printed above it without disturbing what the
 * user is typing. Everything shown from a peer is sanitised first.
 * Everything written to the screen, readline's own output included, goes
 * through a ScreenWriter: a terminal that stops being read never stops the
 * server; the lines it missed are counted and summarised once it drains.
 */
import * as readline from "node:readline";
import process from "node:process";
import { Writable } from "node:stream";
import { blockingStdout, nonBlockingTerminal } from "./nonblocking_terminal.ts";
import { ScreenWriter } from "./screen_writer.ts";

/** How the user ended the session at the prompt. */
export type ConsoleEnd = "exit" | "eof" | "interrupt" | "closed";

/** What the session needs from a console; tests substitute an in-memory one. */
export interface ChatConsole {
  /** Prints a line above the prompt. The caller passes already-sanitised text. */
  show(line: string): void;
  /** Calls `onLine` for each line the user enters (except the ending `exit`). */
  onLine(onLine: (line: string) => void): void;
  /** Resolves when the user ends the session, or when `close()` is called. */
  readonly ended: Promise<ConsoleEnd>;
  /** Stops reading the terminal and restores it. */
  close(): void;
}

/** The line that tells the operator what the screen missed while it was not read. */
export function missedLinesNotice(dropped: number): string {
  return `* ${dropped} line${
    dropped === 1 ? " was" : "s were"
  } not shown: your terminal was not reading`;
}

/**
 * A stream for readline that writes through `screen`, and has the terminal's
 * size (readline wraps and moves the cursor by it).
 */
function screenStream(screen: ScreenWriter): Writable & { columns: number; rows: number } {
  const stream = new Writable({
    decodeStrings: true,
    write(chunk: Uint8Array, _encoding, done) {
      screen.write(new Uint8Array(chunk));
      done();
    },
  }) as Writable & { columns: number; rows: number; isTTY: boolean };
  Object.defineProperties(stream, {
    columns: { get: () => process.stdout.columns },
    rows: { get: () => process.stdout.rows },
    isTTY: { value: true },
  });
  process.stdout.on("resize", () => stream.emit("resize"));
  return stream;
}

/** A readline prompt on the process's terminal. */
export class PromptConsole implements ChatConsole {
  readonly #rl: readline.Interface;
  readonly #screen: ScreenWriter;
  readonly #output: Writable;
  readonly ended: Promise<ConsoleEnd>;
  #end: ConsoleEnd | undefined;
  #closed = false;

  constructor(prompt: string) {
    this.#screen = new ScreenWriter(nonBlockingTerminal() ?? blockingStdout(), {
      onCaughtUp: (dropped) => this.show(missedLinesNotice(dropped)),
    });
    this.#output = screenStream(this.#screen);
    this.#rl = readline.createInterface({
      input: process.stdin,
      output: this.#output,
      prompt,
      terminal: true,
      historySize: 500,
    });
    this.ended = new Promise((resolve) => {
      this.#rl.on("SIGINT", () => {
        this.#end ??= "interrupt";
        this.#rl.close();
      });
      this.#rl.on("close", () => {
        this.#closed = true;
        this.#end ??= "eof";
        // Ctrl-C and Ctrl-D leave the cursor after the prompt; what follows starts on a fresh line.
        if (this.#end === "interrupt" || this.#end === "eof") this.#screen.write("\n");
        this.#screen.flush();
        resolve(this.#end);
      });
    });
    this.#rl.on("line", (line: string) => {
      if (line.trim() === "exit") {
        this.#end ??= "exit";
        this.#rl.close();
      } else if (!this.#closed) {
        this.#rl.prompt();
      }
    });
    this.#rl.prompt();
  }

  show(line: string): void {
    const lines = line.split("\n").length;
    if (this.#closed) {
      this.#screen.writeLines(line + "\n", lines);
      return;
    }
    // Behind: the line is counted, and the prompt is left alone (redrawing it would queue more).
    if (this.#screen.mustDrop(line + "\n")) {
      this.#screen.drop(lines);
      return;
    }
    this.#clearPrompt();
    this.#screen.write(line + "\n");
    // The prompt now starts on a fresh row. readline's redraw first climbs back up
    // as many rows as the input used to wrap over (its internal `prevRows`), which
    // would erase the lines just shown when the input is longer than the terminal.
    (this.#rl as unknown as { prevRows?: number }).prevRows = 0;
    this.#rl.prompt(true);
  }

  onLine(onLine: (line: string) => void): void {
    this.#rl.on("line", (line: string) => {
      if (line.trim() !== "exit") onLine(line);
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#end ??= "closed";
    this.#clearPrompt();
    this.#rl.close();
  }

  /** Erases the prompt and what is typed (it may wrap over several rows). */
  #clearPrompt(): void {
    const { rows } = this.#rl.getCursorPos();
    readline.moveCursor(this.#output, 0, -rows);
    readline.cursorTo(this.#output, 0);
    readline.clearScreenDown(this.#output);
  }
}
