/**
 * Turns a peer's bytes into display lines: streaming UTF-8 decoding (a character
 * split across TCP segments comes out whole, invalid bytes become U+FFFD), line
 * framing, and a partial-line flush so text sent without a newline is still
 * shown, but a line still arriving is not cut (see {@linkcode PartialLineFlush}).
 */
import { DEFAULT_MAX_LINE, LineFramer } from "../core/line_framer.ts";
import { type Clock, systemClock } from "../io/clock.ts";
import { FlushTimer } from "./flush_timer.ts";
import {
  DEFAULT_FLUSH_TIMINGS,
  type FlushTimings,
  PartialLineFlush,
} from "./partial_line_flush.ts";

/** How long a newline-less peer's partial line may wait for its newline before it is shown. */
export const DEFAULT_IDLE_FLUSH_MS = DEFAULT_FLUSH_TIMINGS.idleMs;

/** The size of the chunks a Deno socket's `readable` gives when more is waiting. */
export const FULL_CHUNK_BYTES = 64 * 1024;

/** Options for {@linkcode lineStream}. */
export interface LineStreamOptions {
  /** Longest piece of a line emitted at once. */
  maxLine?: number;
  /** The short idle wait, for a peer that has never ended a line (same as `timings.idleMs`). */
  idleFlushMs?: number;
  /** The flush waits; any left out keep their default. */
  timings?: Partial<FlushTimings>;
  /** The clock; the real one unless a test steps time by hand. */
  clock?: Clock;
  /** A chunk this large filled its read: more is on its way. */
  fullChunkBytes?: number;
}

/**
 * A peer's bytes as display lines, chunk by chunk: the lines each chunk
 * completes come back at once (no timer is involved for a line that ends in a
 * newline); a partial line is handed to `onIdleFlush` once it has waited.
 */
export class DisplayLines {
  readonly #framer: LineFramer;
  readonly #decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  readonly #policy: PartialLineFlush;
  readonly #timer: FlushTimer;
  readonly #clock: Clock;
  readonly #fullChunkBytes: number;

  constructor(options: LineStreamOptions, onIdleFlush: (partial: string) => void) {
    const { maxLine = DEFAULT_MAX_LINE, clock = systemClock } = options;
    this.#clock = clock;
    this.#fullChunkBytes = options.fullChunkBytes ?? FULL_CHUNK_BYTES;
    const timings = options.idleFlushMs === undefined
      ? options.timings
      : { idleMs: options.idleFlushMs, ...options.timings };
    this.#framer = new LineFramer(maxLine);
    this.#policy = new PartialLineFlush(timings);
    this.#timer = new FlushTimer(clock, () => {
      this.#policy.flushed(clock.now());
      const partial = this.#framer.flush();
      if (partial !== undefined) onIdleFlush(partial);
    });
  }

  /** The lines `chunk` completes; a partial line left over waits for its flush. */
  push(chunk: Uint8Array): string[] {
    this.#timer.stop();
    this.#policy.arrived(this.#clock.now(), {
      full: chunk.length >= this.#fullChunkBytes,
      endsLine: chunk.includes(0x0a),
    });
    const lines = this.#framer.push(this.#decoder.decode(chunk, { stream: true }));
    this.#timer.arm(this.#framer.hasPartial ? this.#policy.dueAt() : undefined);
    return lines;
  }

  /** The stream ended: the last lines, a partial one included. */
  end(): string[] {
    this.#timer.stop();
    const lines = this.#framer.push(this.#decoder.decode());
    const partial = this.#framer.flush();
    if (partial !== undefined) lines.push(partial);
    return lines;
  }

  /** Cancels a pending flush (the reader went away). */
  stop(): void {
    this.#timer.stop();
  }
}

/** A transform from a peer's bytes to display lines, showing a partial line once it has waited. */
export class IdleFlushLineStream extends TransformStream<Uint8Array, string> {
  constructor(options: LineStreamOptions = {}) {
    let output: TransformStreamDefaultController<string> | undefined;
    const lines = new DisplayLines(options, (partial) => {
      try {
        output?.enqueue(partial);
      } catch {
        // The stream was cancelled meanwhile; there is nobody left to show it to.
      }
    });
    super({
      start(controller) {
        output = controller;
      },
      transform(chunk, controller) {
        for (const line of lines.push(chunk)) controller.enqueue(line);
      },
      flush(controller) {
        for (const line of lines.end()) controller.enqueue(line);
      },
      cancel() {
        lines.stop();
      },
    });
  }
}

/** Decodes and frames `bytes` into display lines. */
export function lineStream(
  bytes: ReadableStream<Uint8Array>,
  options: LineStreamOptions = {},
): ReadableStream<string> {
  return bytes.pipeThrough(new IdleFlushLineStream(options));
}
