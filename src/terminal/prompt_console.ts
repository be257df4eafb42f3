/**
 * The interactive terminal: a prompt with line editing and history
 * (`node:readline`), and messages printed above it without disturbing what the
 * user is typing. Everything shown from a peer is sanitised first.
 */
import * as readline from "node:readline";
import process from "node:process";

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

/** A readline prompt on the process's terminal. */
export class PromptConsole implements ChatConsole {
  readonly #rl: readline.Interface;
  readonly ended: Promise<ConsoleEnd>;
  #end: ConsoleEnd | undefined;
  #closed = false;

  constructor(prompt: string) {
    this.#rl = readline.createInterface({
      input: process.stdin,
      output: process.stdout,
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
        if (this.#end === "interrupt" || this.#end === "eof") process.stdout.write("\n");
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
    if (this.#closed) {
      process.stdout.write(line + "\n");
      return;
    }
    this.#clearPrompt();
    process.stdout.write(line + "\n");
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
    readline.moveCursor(process.stdout, 0, -rows);
    readline.cursorTo(process.stdout, 0);
    readline.clearScreenDown(process.stdout);
  }
}
