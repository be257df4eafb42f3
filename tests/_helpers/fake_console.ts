/**
 * An in-memory `ChatConsole`: the test "types" lines and ends the session, and
 * reads back what the session showed, instead of driving a real terminal.
 */
import type { ChatConsole, ConsoleEnd } from "../../src/terminal/prompt_console.ts";
import { DEFAULT_DEADLINE_MS, waitFor } from "./deadline.ts";

/** A console whose screen is an array of lines. */
export class FakeConsole implements ChatConsole {
  /** Every line shown, in order (a message with newlines counts as several lines). */
  readonly shown: string[] = [];
  readonly ended: Promise<ConsoleEnd>;
  #end: ((end: ConsoleEnd) => void) | undefined;
  #handlers: ((line: string) => void)[] = [];
  #closed = false;

  constructor() {
    this.ended = new Promise((resolve) => this.#end = resolve);
  }

  /** Whether the session called `close()`. */
  get closed(): boolean {
    return this.#closed;
  }

  show(text: string): void {
    // A terminal shows a multi-line message as several lines; so does this screen.
    this.shown.push(...text.split("\n"));
  }

  onLine(onLine: (line: string) => void): void {
    this.#handlers.push(onLine);
  }

  /** The prompts of the secrets asked for, in order. */
  readonly secretPrompts: string[] = [];
  #secret: ((secret: string | undefined) => void) | undefined;

  askSecret(prompt: string): Promise<string | undefined> {
    this.secretPrompts.push(prompt);
    return new Promise((resolve) => this.#secret = resolve);
  }

  /** The user types the secret asked for (undefined: leaves instead). */
  answerSecret(secret: string | undefined): void {
    this.#secret?.(secret);
    this.#secret = undefined;
  }

  close(): void {
    this.#closed = true;
    this.#end?.("closed");
  }

  /** The user types `line` and presses Enter ("exit" is sent, then ends the session, like the real one). */
  type(line: string): void {
    for (const handler of this.#handlers) handler(line);
    if (line.trim() === "exit") this.leave("exit");
  }

  /** The user ends the session (Ctrl-D is "eof", Ctrl-C "interrupt"). */
  leave(end: ConsoleEnd): void {
    this.#end?.(end);
    this.#end = undefined;
  }

  /** Waits until a shown line matches; returns it. */
  waitForShown(expected: string | RegExp, ms = DEFAULT_DEADLINE_MS): Promise<string> {
    const matches = (line: string) =>
      typeof expected === "string" ? line === expected : expected.test(line);
    return waitFor(
      () => this.shown.find(matches),
      () => `a shown line matching ${expected}; shown so far: ${JSON.stringify(this.shown)}`,
      ms,
    );
  }
}
