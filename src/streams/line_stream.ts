/**
 * Turns a peer's bytes into display lines: streaming UTF-8 decoding (a character
 * split across TCP segments comes out whole, invalid bytes become U+FFFD), line
 * framing, and an idle flush so text sent without a newline is still shown.
 */
import { DEFAULT_MAX_LINE, LineFramer } from "../core/line_framer.ts";

/** How long a partial line may wait for its newline before it is shown anyway. */
export const DEFAULT_IDLE_FLUSH_MS = 40;

/** Options for {@linkcode lineStream}. */
export interface LineStreamOptions {
  /** Longest piece of a line emitted at once. */
  maxLine?: number;
  /** Idle time after which a partial line is emitted. */
  idleFlushMs?: number;
}

/** A transform from text chunks to lines that flushes a partial line after an idle pause. */
export class IdleFlushLineStream extends TransformStream<string, string> {
  constructor(
    { maxLine = DEFAULT_MAX_LINE, idleFlushMs = DEFAULT_IDLE_FLUSH_MS }: LineStreamOptions = {},
  ) {
    const framer = new LineFramer(maxLine);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopTimer = () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };
    super({
      transform(chunk, controller) {
        stopTimer();
        for (const line of framer.push(chunk)) controller.enqueue(line);
        if (framer.hasPartial) {
          timer = setTimeout(() => {
            timer = undefined;
            const partial = framer.flush();
            if (partial !== undefined) {
              try {
                controller.enqueue(partial);
              } catch {
                // The stream was cancelled meanwhile; there is nobody left to show it to.
              }
            }
          }, idleFlushMs);
        }
      },
      flush(controller) {
        stopTimer();
        const partial = framer.flush();
        if (partial !== undefined) controller.enqueue(partial);
      },
      cancel() {
        stopTimer();
      },
    });
  }
}

/** Decodes and frames `bytes` into display lines. */
export function lineStream(
  bytes: ReadableStream<Uint8Array>,
  options: LineStreamOptions = {},
): ReadableStream<string> {
  return bytes
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new IdleFlushLineStream(options));
}
