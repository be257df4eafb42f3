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

/** A transform from a peer's bytes to display lines, showing a partial line once it has waited. */
export class IdleFlushLineStream extends TransformStream<Uint8Array, string> {
  constructor(options: LineStreamOptions = {}) {
    const { maxLine = DEFAULT_MAX_LINE, clock = systemClock } = options;
    const fullChunkBytes = options.fullChunkBytes ?? FULL_CHUNK_BYTES;
    const timings = options.idleFlushMs === undefined
      ? options.timings
      : { idleMs: options.idleFlushMs, ...options.timings };
    const framer = new LineFramer(maxLine);
    const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
    const policy = new PartialLineFlush(timings);
    let output: TransformStreamDefaultController<string> | undefined;
    const timer = new FlushTimer(clock, () => {
      policy.flushed(clock.now());
      const partial = framer.flush();
      if (partial === undefined) return;
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
        timer.stop();
        policy.arrived(clock.now(), {
          full: chunk.length >= fullChunkBytes,
          endsLine: chunk.includes(0x0a),
        });
        for (const line of framer.push(decoder.decode(chunk, { stream: true }))) {
          controller.enqueue(line);
        }
        timer.arm(framer.hasPartial ? policy.dueAt() : undefined);
      },
      flush(controller) {
        timer.stop();
        for (const line of framer.push(decoder.decode())) controller.enqueue(line);
        const partial = framer.flush();
        if (partial !== undefined) controller.enqueue(partial);
      },
      cancel() {
        timer.stop();
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
