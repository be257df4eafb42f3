/**
 * The operator's screen as a bounded, non-blocking consumer, like any client:
 * when the terminal stops being read (a stalled SSH session, a stopped tmux),
 * writing to it must not stop the server. Bytes wait in a queue and are
 * written as the terminal takes them; past a bound, whole lines are dropped
 * and counted, and once the queue has drained the screen is told how many it
 * missed. What one event draws (a message, the prompt redrawn under it) can be
 * held back and written in one go: every write to a terminal is a system call
 * that wakes whoever reads it, and a dozen per line were most of a line's
 * latency. Pure apart from the output it is given, so it is tested in memory.
 */
import { concat } from "../io/concat.ts";

/** The most bytes waiting for the terminal before lines are dropped. */
export const MAX_PENDING_BYTES = 256 * 1024;

/** How often a full terminal is tried again. */
const RETRY_MS = 20;

/** A terminal that never blocks: a write takes what fits now (0 when full), or throws when gone. */
export interface ScreenOutput {
  tryWrite(bytes: Uint8Array): number;
}

/** Options for a {@linkcode ScreenWriter}. */
export interface ScreenWriterOptions {
  readonly maxPendingBytes?: number;
  /** Called once the queue has drained after lines were dropped, with how many. */
  readonly onCaughtUp?: (dropped: number) => void;
  /** Schedules a retry (default: an unreferenced timer); tests drive it by hand. */
  readonly schedule?: (retry: () => void) => void;
}

const encoder = new TextEncoder();

/** Writes to a terminal without ever waiting for it. */
export class ScreenWriter {
  readonly #output: ScreenOutput;
  readonly #maxPendingBytes: number;
  readonly #onCaughtUp: (dropped: number) => void;
  readonly #schedule: (retry: () => void) => void;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  #dropped = 0;
  #retrying = false;
  #broken = false;
  #holds = 0;
  /** Text written while held, encoded in one go when it is let out. */
  #heldText = "";

  constructor(output: ScreenOutput, options: ScreenWriterOptions = {}) {
    this.#output = output;
    this.#maxPendingBytes = options.maxPendingBytes ?? MAX_PENDING_BYTES;
    this.#onCaughtUp = options.onCaughtUp ?? (() => {});
    this.#schedule = options.schedule ?? ((retry) => {
      // The server keeps itself alive; a retry alone must not hold a finished process open.
      Deno.unrefTimer(setTimeout(retry, RETRY_MS));
    });
  }

  /** Bytes waiting for the terminal. */
  get pendingBytes(): number {
    return this.#pendingBytes;
  }

  /**
   * Whether lines are being dropped: from the moment the queue passed its
   * bound until it has drained, so the screen never shows half of a stretch.
   */
  get dropping(): boolean {
    return this.#dropped > 0;
  }

  /** Queues `text` whatever the backlog (the prompt, echo, cursor moves: small and needed). */
  write(text: string | Uint8Array): void {
    if (this.#broken) return;
    if (typeof text === "string" && this.#holds > 0) {
      // Counted by its length until it is encoded (see #encodeHeld).
      this.#heldText += text;
      this.#pendingBytes += text.length;
      return;
    }
    this.#encodeHeld();
    const bytes = typeof text === "string" ? encoder.encode(text) : text;
    if (bytes.length === 0) return;
    this.#pending.push(bytes);
    this.#pendingBytes += bytes.length;
    if (this.#holds === 0) this.flush();
  }

  /**
   * Holds writes back until the matching {@linkcode release}, which writes them
   * all at once (holds nest). Nothing waits on a timer: the caller releases as
   * soon as it has drawn everything.
   */
  hold(): void {
    this.#holds++;
  }

  /** Ends one {@linkcode hold}; the last one writes what was held back. */
  release(): void {
    if (this.#holds === 0) return;
    if (--this.#holds === 0) this.flush();
  }

  /** Whether a message of `text` must be dropped: the terminal is behind. */
  mustDrop(text: string): boolean {
    if (this.dropping) return true;
    const room = this.#maxPendingBytes - this.#pendingBytes;
    // A UTF-16 unit is at most 3 bytes of UTF-8: most messages are let through without encoding.
    return text.length * 3 > room && encoder.encode(text).length > room;
  }

  /**
   * Queues a message of `lines` lines, or drops and counts it when the terminal
   * is behind; returns whether it was queued.
   */
  writeLines(text: string, lines = 1): boolean {
    if (this.mustDrop(text)) {
      this.#dropped += lines;
      return false;
    }
    this.write(text);
    return true;
  }

  /** Counts `lines` lines as missed without offering them (the caller knows it is dropping). */
  drop(lines = 1): void {
    this.#dropped += lines;
  }

  /** Writes as much as the terminal takes now (held writes too); the rest is tried again soon. */
  flush(): void {
    if (this.#broken) return;
    this.#encodeHeld();
    // One system call for everything waiting, not one per piece.
    if (this.#pending.length > 1) this.#pending = [concat(this.#pending)];
    try {
      while (this.#pending.length > 0) {
        const chunk = this.#pending[0];
        const n = this.#output.tryWrite(chunk);
        if (n <= 0) break;
        this.#pendingBytes -= n;
        if (n < chunk.length) this.#pending[0] = chunk.subarray(n);
        else this.#pending.shift();
      }
    } catch {
      // The terminal is gone (hung up): nothing will be read from it again.
      this.#broken = true;
      this.#pending = [];
      this.#pendingBytes = 0;
      return;
    }
    if (this.#pending.length > 0) {
      if (!this.#retrying) {
        this.#retrying = true;
        this.#schedule(() => {
          this.#retrying = false;
          this.flush();
        });
      }
      return;
    }
    if (this.#dropped > 0) {
      const dropped = this.#dropped;
      this.#dropped = 0;
      this.#onCaughtUp(dropped);
    }
  }

  /** Queues the text held back, encoded at last (its count corrected to its bytes). */
  #encodeHeld(): void {
    if (this.#heldText === "") return;
    const bytes = encoder.encode(this.#heldText);
    this.#pendingBytes += bytes.length - this.#heldText.length;
    this.#heldText = "";
    this.#pending.push(bytes);
  }
}
