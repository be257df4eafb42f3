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
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { TypedInput } from "./typed_input.ts";
import { SecretKeys } from "./secret_keys.ts";
import { blockingStdout, nonBlockingTerminal } from "./nonblocking_terminal.ts";
import { ScreenWriter } from "./screen_writer.ts";
import { measurePlainTextFast } from "./plain_text_position.ts";
import { t } from "../i18n/catalogue.ts";

/** Ask the terminal to mark pastes (ESC[200~ … ESC[201~), and stop asking. */
const BRACKETED_PASTE_ON = "\x1b[?2004h";
const BRACKETED_PASTE_OFF = "\x1b[?2004l";

/** How the user ended the session at the prompt. */
export type ConsoleEnd = "exit" | "eof" | "interrupt" | "closed";

/** What the session needs from a console; tests substitute an in-memory one. */
export interface ChatConsole {
  /** Prints a line above the prompt. The caller passes already-sanitised text. */
  show(line: string): void;
  /**
   * Calls `onLine` for each line the user enters, the ending `exit` included:
   * in the lab's protocol `exit` is a message the other side sees.
   */
  onLine(onLine: (line: string) => void): void;
  /** Resolves when the user ends the session, or when `close()` is called. */
  readonly ended: Promise<ConsoleEnd>;
  /** Stops reading the terminal and restores it; a promise when output is still being written. */
  close(): void | Promise<void>;
  /**
   * Asks for a secret at the prompt with echo off (the server's password
   * request); undefined when the session ended instead. Absent: cannot hide typing.
   */
  askSecret?(prompt: string): Promise<string | undefined>;
}

/** The line that tells the operator what the screen missed while it was not read. */
export function missedLinesNotice(dropped: number): string {
  return t().terminal.missedLines(dropped);
}

/** What readline writes its output to: `write`, the terminal's size, and "resize" events. */
type ScreenStream = EventEmitter & {
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean;
  end(): ScreenStream;
  readonly writable: true;
  readonly columns: number;
  readonly rows: number;
  readonly isTTY: true;
};

/**
 * An output for readline that writes through `screen`, and has the terminal's
 * size (readline wraps and moves the cursor by it). Not a node Writable: readline
 * only calls write(), and a Writable's machinery (a Buffer per piece, a tick
 * per write) cost more than the terminal itself for the dozen small writes of a line.
 * `stop()` ends its watch of the terminal's size.
 */
function screenStream(screen: ScreenWriter): ScreenStream & { stop(): void } {
  const stream = Object.assign(new EventEmitter(), {
    write(chunk: string | Uint8Array, ...rest: unknown[]): boolean {
      screen.write(chunk);
      // A callback, if given (write(chunk, cb) or write(chunk, encoding, cb)), is called as a stream would.
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      if (done) queueMicrotask(done);
      return true;
    },
    end() {
      return stream;
    },
    stop() {
      Deno.removeSignalListener("SIGWINCH", onResize);
    },
  });
  // readline asks for the width at every measure; asking the terminal costs a system call.
  // It is read here and on SIGWINCH, through Deno: node's process.stdout would open a
  // second terminal stream, woken for nothing after every write to the screen.
  let { columns, rows } = terminalSize();
  const onResize = () => {
    ({ columns, rows } = terminalSize());
    stream.emit("resize");
  };
  Deno.addSignalListener("SIGWINCH", onResize);
  Object.defineProperties(stream, {
    columns: { get: () => columns },
    rows: { get: () => rows },
    isTTY: { value: true },
    writable: { value: true },
  });
  return stream as typeof stream & ScreenStream;
}

/** The terminal's size; 80 × 24 when it cannot be read. */
function terminalSize(): { columns: number; rows: number } {
  try {
    return Deno.consoleSize();
  } catch {
    return { columns: 80, rows: 24 };
  }
}

/** The part of readline's interface that redraws the prompt (its long-standing `_` methods). */
interface Redrawable {
  readonly paused?: boolean;
  cursor: number;
  _refreshLine?: () => void;
}

/** A readline prompt on the process's terminal. */
export class PromptConsole implements ChatConsole {
  readonly #rl: readline.Interface;
  readonly #screen: ScreenWriter;
  readonly #output: ScreenStream & { stop(): void };
  readonly ended: Promise<ConsoleEnd>;
  #end: ConsoleEnd | undefined;
  #closed = false;
  /** While the handlers of an ending `exit` run: lines shown then leave the prompt undrawn. */
  #exiting = false;
  /** Whether the session ended (Ctrl-C, or the other side left) with a half-typed line, not sent. */
  #dropped = false;
  readonly #handlers: ((line: string) => void)[] = [];
  /** While a secret is asked for: its prompt, its keys, and who waits for it. */
  #secret:
    | { prompt: string; keys: SecretKeys; done: (secret: string | undefined) => void }
    | undefined;
  readonly #keys = keyInput();
  readonly #typed = new TypedInput();
  readonly #decoder = new TextDecoder();
  readonly #onData = (chunk: Uint8Array) => this.#feed(chunk);
  readonly #onEnd = () => this.#keys.emit("end");
  /** readline only writes the prompt on a terminal called "dumb" (no cursor moves). */
  readonly #dumbTerminal = process.env.TERM === "dumb";

  constructor(prompt: string) {
    this.#screen = new ScreenWriter(nonBlockingTerminal() ?? blockingStdout(), {
      onCaughtUp: (dropped) => this.show(missedLinesNotice(dropped)),
    });
    this.#output = screenStream(this.#screen);
    // readline reads keys from a stand-in fed by #feed, so that a paste can be
    // inserted in one piece instead of key by key (one redraw per character).
    this.#rl = readline.createInterface({
      input: this.#keys,
      output: this.#output,
      prompt,
      terminal: true,
      historySize: 500,
    });
    // readline measures the prompt at every key and redraw; plain text is measured cheaply.
    measurePlainTextFast(this.#rl);
    this.ended = new Promise((resolve) => {
      this.#rl.on("SIGINT", this.#interrupt);
      this.#rl.on("close", () => {
        this.#closed = true;
        // From here a second `kill PID` ends the process at once, as it would without tp1.
        Deno.removeSignalListener("SIGTERM", this.#interrupt);
        this.#secret?.done(undefined);
        this.#secret = undefined;
        process.stdin.off("data", this.#onData);
        process.stdin.off("end", this.#onEnd);
        process.stdin.pause();
        this.#output.stop();
        this.#screen.write(BRACKETED_PASTE_OFF);
        this.#end ??= "eof";
        // Ctrl-C and Ctrl-D leave the cursor after the prompt; what follows starts on a fresh line.
        if (this.#dropped) this.#screen.write(`  ${t().terminal.notSent}\n`);
        else if (this.#end === "interrupt" || this.#end === "eof") this.#screen.write("\n");
        this.#screen.flush();
        resolve(this.#end);
      });
    });
    this.#rl.on("line", (line: string) => {
      // What the handlers show for an ending `exit` comes without the prompt: none follows it.
      this.#exiting = line.trim() === "exit";
      for (const handler of this.#handlers) handler(line);
      if (this.#exiting) {
        this.#end ??= "exit";
        this.#rl.close();
      } else if (!this.#closed) {
        this.#prompt(false);
      }
    });
    process.stdin.on("data", this.#onData);
    process.stdin.on("end", this.#onEnd);
    process.stdin.resume();
    // `kill PID` (how the lab frees a port) stops the session as Ctrl-C does: the closing
    // lines are written and the terminal is left on a fresh line, not "Terminated" after the prompt.
    Deno.addSignalListener("SIGTERM", this.#interrupt);
    this.#screen.write(BRACKETED_PASTE_ON);
    this.#rl.prompt();
  }

  /** Ctrl-C, or SIGTERM: the session ends, a half-typed line is marked as not sent. */
  readonly #interrupt = (): void => {
    if (this.#closed) return;
    if (this.#rl.line.trim() !== "") this.#markNotSent();
    this.#end ??= "interrupt";
    this.#rl.close();
  };

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
    if (this.#secret) {
      // Nothing typed is shown: the secret's prompt is one row, written again below the line.
      this.#screen.write(`\r\x1b[K${line}\n${this.#secret.prompt}`);
      return;
    }
    // Erasing the prompt, the line and the prompt redrawn go out in one write.
    this.#screen.hold();
    try {
      this.#clearPrompt();
      this.#screen.write(line + "\n");
      if (!this.#exiting) this.#promptOnFreshRow();
    } finally {
      this.#screen.release();
    }
  }

  askSecret(prompt: string): Promise<string | undefined> {
    if (this.#closed) return Promise.resolve(undefined);
    this.#clearPrompt();
    this.#screen.write(prompt);
    return new Promise((resolve) => {
      this.#secret = { prompt, keys: new SecretKeys(), done: resolve };
    });
  }

  onLine(onLine: (line: string) => void): void {
    this.#handlers.push(onLine);
  }

  close(): void {
    if (this.#closed) return;
    this.#end ??= "closed";
    // The other side left: a half-typed line stays on the screen, marked, instead of vanishing.
    if (this.#rl.line.trim() !== "") this.#markNotSent();
    else this.#clearPrompt();
    this.#rl.close();
  }

  /** Has the closing write "(not sent)" after the half-typed line, wherever the cursor was in it. */
  #markNotSent(): void {
    this.#dropped = true;
    // Ctrl-E: to the end of the line, so the mark goes after all of it.
    this.#rl.write(null, { ctrl: true, name: "e" });
  }

  /**
   * Hands what the terminal sent to readline: text runs whole, keys one by one.
   * What readline draws meanwhile (the echo, the prompt after Enter) is written
   * in one go a microtask later, after the line entered has been handed to the
   * socket (the send's own microtask comes first): the line leaves at once.
   */
  #feed(chunk: Uint8Array): void {
    this.#screen.hold();
    try {
      let text = this.#decoder.decode(chunk, { stream: true });
      if (this.#secret) {
        const rest = this.#feedSecret(text);
        if (rest === undefined) return;
        text = rest;
      }
      for (const piece of this.#typed.split(text)) {
        if (this.#closed) return;
        // readline's own write() inserts a string in one go (and ends lines at CR/LF).
        if (piece.kind === "text") this.#rl.write(piece.text);
        // Keys as the text they are: readline's decoder takes a string as it is.
        else this.#keys.emit("data", piece.text);
      }
    } finally {
      queueMicrotask(() => this.#screen.release());
    }
  }

  /** Gives keys to the secret being asked for; what follows its Enter goes back to the prompt. */
  #feedSecret(text: string): string | undefined {
    const secret = this.#secret!;
    const end = secret.keys.feed(text);
    if (end === undefined) return undefined;
    this.#secret = undefined;
    if (end.kind === "entered") {
      this.#screen.write("\n");
      secret.done(end.secret);
      this.#promptOnFreshRow();
      return end.rest;
    }
    // Ctrl-C or Ctrl-D instead of the secret ends the session, as at the prompt.
    secret.done(undefined);
    this.#end ??= end.kind === "interrupt" ? "interrupt" : "eof";
    this.#rl.close();
    return undefined;
  }

  /**
   * Draws the prompt on the row the cursor is on, below what was just written.
   * readline's redraw first climbs back up as many rows as the input used to
   * wrap over (its internal `prevRows`), which would erase the lines just shown
   * when the input is longer than the terminal: it owns none of those rows now.
   */
  #promptOnFreshRow(): void {
    (this.#rl as unknown as { prevRows?: number }).prevRows = 0;
    this.#prompt(true);
  }

  /**
   * Draws the prompt and the line again, as readline's prompt() does, but
   * without its look-up of TERM at every call (an environment read through
   * node's process.env under Deno, the dearest part of a redraw).
   */
  #prompt(keepCursor: boolean): void {
    const rl = this.#rl as unknown as Redrawable;
    if (this.#dumbTerminal || rl.paused || typeof rl._refreshLine !== "function") {
      this.#rl.prompt(keepCursor);
      return;
    }
    if (!keepCursor) rl.cursor = 0;
    rl._refreshLine();
  }

  /** Erases the prompt and what is typed (it may wrap over several rows). */
  #clearPrompt(): void {
    const { rows } = this.#rl.getCursorPos();
    // Up to the prompt's first row, to the first column, and erase down (as readline would).
    this.#screen.write(`${rows > 0 ? `\x1b[${rows}A` : ""}\x1b[1G\x1b[0J`);
  }
}

/** A stand-in for stdin that readline takes for the terminal: raw mode is set on the real one. */
function keyInput(): PassThrough & { isTTY: boolean; setRawMode(mode: boolean): void } {
  return Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode(mode: boolean) {
      if (process.stdin.isTTY) process.stdin.setRawMode(mode);
    },
  });
}
