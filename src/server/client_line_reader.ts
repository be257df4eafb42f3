/**
 * Reads one client's bytes into the room's lines until the client is gone.
 * Reads are awaited one at a time, and before each the room may make the
 * client wait (backpressure), so a flood is read no faster than the room and
 * its slowest reader take it; TCP then slows the sender down. The read buffer
 * starts small and grows only for a client that sends a lot (see
 * read_size.ts), so thousands of idle clients do not each hold 64 KiB, and it
 * is allocated only when needed: a client that has not spoken yet is read
 * through the gate's pending first read, in its buffer. When a small read
 * comes back full, the larger one starts at once (the one read started before
 * the room has had its say), and if its bytes are there already the two
 * reads' lines go to the room together: a flood's first burst is then not a
 * small one, written to every client on its own. A partial line is relayed
 * only when {@linkcode PartialLineFlush} says it has waited long enough for
 * its newline.
 */
import type { ByteSource } from "../io/byte_ends.ts";
import type { ChatLineFramer, FramedLine } from "../room/chat_line_framer.ts";
import type { LeaveReason } from "../room/room_types.ts";
import { type Clock, systemClock } from "../io/clock.ts";
import { FlushTimer } from "../streams/flush_timer.ts";
import {
  DEFAULT_FLUSH_TIMINGS,
  type FlushTimings,
  PartialLineFlush,
} from "../streams/partial_line_flush.ts";
import { t } from "../i18n/catalogue.ts";
import { nextReadSize, SMALL_READ } from "../core/read_size.ts";
import { fulfilsAtOnce } from "../io/at_once.ts";

/** How long a newline-less peer's partial line waits before it is relayed anyway. */
export const DEFAULT_IDLE_FLUSH_MS = DEFAULT_FLUSH_TIMINGS.idleMs;

/** When partial lines are relayed, and the clock that times them. */
export interface ClientFlushOptions {
  /** The waits (see {@linkcode PartialLineFlush}); any left out keep their default. */
  readonly timings?: Partial<FlushTimings>;
  /** The clock; the real one unless a test steps time by hand. */
  readonly clock?: Clock;
}

const LF = 0x0a;

/**
 * Calls `onLines` with the lines of each read (and with a partial line once it
 * has waited long enough, see {@linkcode PartialLineFlush}) until the input
 * ends; resolves to how it ended. After lines are handled, `beforeNextRead` is
 * awaited before reading more. `flush` is the options, or just the short idle
 * wait in ms. Never rejects: a failed read is a way of leaving, not a crash.
 */
export function readClientLines(
  source: ByteSource,
  framer: ChatLineFramer,
  onLines: (lines: FramedLine[]) => void,
  beforeNextRead: () => Promise<void> = () => Promise.resolve(),
  flush: ClientFlushOptions | number = {},
): Promise<LeaveReason> {
  // A read already under way in the source's own buffer is taken over as it is; until
  // its bytes come, nothing of the reading loop exists: thousands of silent clients
  // each hold one callback, not a suspended loop with its timer and its state.
  const first = source.takePending?.();
  if (first === undefined) {
    return readLines(source, undefined, framer, onLines, beforeNextRead, flush);
  }
  return first.then(
    (bytes) => readLines(source, bytes, framer, onLines, beforeNextRead, flush),
    readFailure,
  );
}

/** The reading loop, starting with `first` (the source's pending read's bytes) when given. */
async function readLines(
  source: ByteSource,
  first: Uint8Array | null | undefined,
  framer: ChatLineFramer,
  onLines: (lines: FramedLine[]) => void,
  beforeNextRead: () => Promise<void>,
  flush: ClientFlushOptions | number,
): Promise<LeaveReason> {
  const { timings, clock = systemClock } = typeof flush === "number"
    ? { timings: { idleMs: flush } }
    : flush;
  const policy = new PartialLineFlush(timings);
  const timer = new FlushTimer(clock, () => {
    policy.flushed(clock.now());
    const partial = framer.flush();
    if (partial) onLines([partial]);
  });
  let size = SMALL_READ;
  let buffer: Uint8Array | undefined;
  /** The next read, when it was started before the last one's lines went to the room. */
  let early: Promise<number | null> | undefined;
  /** The last read's lines, when they wait to go to the room with the next read's. */
  let held: FramedLine[] | undefined;
  try {
    for (;;) {
      // A read already under way in the source's own buffer is taken over as it is.
      // (The first time round, that read's bytes have come already, as `first`.)
      const own = early !== undefined
        ? undefined
        : first !== undefined
        ? first
        : source.takePending?.();
      first = undefined;
      let bytes: Uint8Array;
      let capacity: number;
      if (own !== undefined) {
        const got = await own;
        if (got === null) break;
        bytes = got;
        capacity = got.buffer.byteLength;
      } else {
        if (buffer === undefined || buffer.length !== size) buffer = new Uint8Array(size);
        const n = await (early ?? source.read(buffer));
        early = undefined;
        if (n === null) break;
        bytes = buffer.subarray(0, n);
        capacity = buffer.length;
      }
      timer.stop();
      const n = bytes.length;
      const full = n === capacity;
      policy.arrived(clock.now(), { full, endsLine: bytes.includes(LF) });
      let lines = framer.push(bytes);
      if (held !== undefined) {
        lines = held.concat(lines);
        held = undefined;
      }
      // A full read means more is waiting: read more at once next time.
      size = nextReadSize(capacity, n);
      if (full && size > capacity) {
        // A small read came back full (a paste, a flood): the larger read starts
        // now, and when its bytes are there already, their lines go to the room
        // with these. Otherwise the room would write this small first part to
        // every client on its own, a write each, just before the rest.
        buffer = new Uint8Array(size);
        early = source.read(buffer);
        if (await fulfilsAtOnce(early)) {
          held = lines;
          continue;
        }
      }
      if (lines.length > 0) {
        onLines(lines);
        policy.holdBack();
        await beforeNextRead();
        // Time spent holding this client back is not its silence.
        policy.resume(clock.now());
      }
      timer.arm(framer.hasPartial ? policy.dueAt() : undefined);
    }
    timer.stop();
    // The larger read found the end of input at once: the lines before it still go.
    if (held !== undefined && held.length > 0) onLines(held);
    const last = framer.end();
    if (last) onLines([last]);
    return { kind: "closed" };
  } catch (error) {
    return readFailure(error);
  } finally {
    timer.stop();
  }
}

/** Names how a read failed, as a reason for leaving. */
export function readFailure(error: unknown): LeaveReason {
  if (
    error instanceof Deno.errors.ConnectionReset || error instanceof Deno.errors.BrokenPipe ||
    error instanceof Deno.errors.ConnectionAborted
  ) {
    return { kind: "reset" };
  }
  // Closed on our side (a kick, an eviction, the server stopping): the reason is already known.
  if (error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted) {
    return { kind: "closed" };
  }
  if (error instanceof Deno.errors.TimedOut) {
    return { kind: "error", message: t().server.timedOut };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "error", message: message.replace(/ \(os error \d+\)$/, "") };
}
