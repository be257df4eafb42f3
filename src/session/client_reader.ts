/**
 * Reads one client's bytes into the room's lines until the client is gone.
 * Reads are awaited one at a time, and before each the room may make the
 * client wait (backpressure), so a flood is read no faster than the room and
 * its slowest reader take it; TCP then slows the sender down. The read buffer starts small and grows only for a client that sends a
 * lot, so thousands of idle clients do not each hold 64 KiB.
 */
import type { ByteSource } from "../pipe/byte_ends.ts";
import type { ChatLineFramer, FramedLine } from "../room/chat_line_framer.ts";
import type { LeaveReason } from "../room/room_types.ts";

/** How long a partial line may wait for its newline before it is relayed anyway. */
export const DEFAULT_IDLE_FLUSH_MS = 40;

const SMALL_READ = 2 * 1024;
// Bounded so one read's lines, each with its "<name> " prefix, stay a modest burst.
const LARGE_READ = 64 * 1024;

/**
 * Calls `onLines` with the lines of each read (and with a partial line after
 * `idleFlushMs` of quiet) until the input ends; resolves to how it ended.
 * After lines are handled, `beforeNextRead` is awaited before reading more.
 * Never rejects: a failed read is a way of leaving, not a crash.
 */
export async function readClientLines(
  source: ByteSource,
  framer: ChatLineFramer,
  onLines: (lines: FramedLine[]) => void,
  beforeNextRead: () => Promise<void> = () => Promise.resolve(),
  idleFlushMs: number = DEFAULT_IDLE_FLUSH_MS,
): Promise<LeaveReason> {
  let buffer = new Uint8Array(SMALL_READ);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flushLater = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (!framer.hasPartial) return;
    timer = setTimeout(() => {
      timer = undefined;
      const partial = framer.flush();
      if (partial) onLines([partial]);
    }, idleFlushMs);
  };
  try {
    for (;;) {
      const n = await source.read(buffer);
      if (n === null) break;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      const lines = framer.push(buffer.subarray(0, n));
      if (lines.length > 0) {
        onLines(lines);
        await beforeNextRead();
      }
      // The pause counts from now: time spent holding this client back is not its silence.
      flushLater();
      // A full read means more is waiting: read more at once next time.
      if (n === buffer.length && buffer.length < LARGE_READ) buffer = new Uint8Array(LARGE_READ);
      else if (n < SMALL_READ / 2 && buffer.length > SMALL_READ) {
        buffer = new Uint8Array(SMALL_READ);
      }
    }
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const last = framer.end();
    if (last) onLines([last]);
    return { kind: "closed" };
  } catch (error) {
    return readFailure(error);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
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
    return { kind: "error", message: "connection timed out" };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "error", message: message.replace(/ \(os error \d+\)$/, "") };
}
