/**
 * Standard input and output that whoever started tp1 left non-blocking
 * (O_NONBLOCK, e.g. a Node.js parent's pipe): a read or write on them fails
 * with WouldBlock instead of waiting, and Deno's own stdout may already have
 * taken part of the bytes when it says so. So tp1 does not use such a
 * descriptor at all: it opens the same pipe or terminal again through
 * /proc/self/fd, which gives a descriptor of its own that blocks (on a helper
 * thread) like any other, and leaves the parent's flags alone. What cannot be
 * reopened (a socket) is written with write(2) through FFI, waiting with poll
 * when it is full; without FFI, WouldBlock is retried after a wait (which
 * Deno's stdout may answer with bytes twice: the last resort only).
 */
import type { ByteSink, ByteSource } from "./byte_ends.ts";
import { O_NONBLOCK, POLLIN, POLLOUT, waitReady, writeNow } from "./libc.ts";

/** The longest one wait lasts before the call is simply tried again. */
const MAX_WAIT_MS = 1000;

/** Sleeps without FFI: short at first, then at most this long. */
const MAX_SLEEP_MS = 20;

/** Whether descriptor `fd` of this process is non-blocking; false when that cannot be known. */
export function isNonBlocking(fd: number): boolean {
  const path = `/proc/self/fdinfo/${fd}`;
  try {
    // Asking first: a missing permission must not turn into a prompt.
    if (Deno.permissions.querySync({ name: "read", path }).state !== "granted") return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(Deno.readTextFileSync(path))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & O_NONBLOCK) !== 0;
  } catch {
    return false;
  }
}

/**
 * A blocking descriptor of our own on what `fd` (0 or 1) is, when `fd` is
 * non-blocking and can be opened again (a pipe, a FIFO, a terminal); else undefined.
 */
export function reopenedBlocking(fd: 0 | 1): Deno.FsFile | undefined {
  if (!isNonBlocking(fd)) return undefined;
  const path = `/proc/self/fd/${fd}`;
  const access = fd === 0 ? "read" : "write";
  try {
    if (Deno.permissions.querySync({ name: access, path }).state !== "granted") return undefined;
    return Deno.openSync(path, fd === 0 ? { read: true } : { write: true });
  } catch {
    return undefined;
  }
}

/**
 * Writes to non-blocking descriptor `fd` with write(2), waiting while it is
 * full; undefined when FFI cannot be used here.
 */
export function nonBlockingSink(fd: number): ByteSink | undefined {
  if (writeNow(fd, new Uint8Array(0)) === undefined) return undefined;
  return {
    write: async (bytes) => {
      for (let tries = 0;; tries++) {
        const n = writeNow(fd, bytes) ?? 0;
        if (n > 0 || bytes.length === 0) return n;
        if (!await waitReady(fd, POLLOUT, MAX_WAIT_MS)) {
          await pause(Math.min(MAX_SLEEP_MS, 2 ** tries));
        }
      }
    },
  };
}

/** `sink` on descriptor `fd`, retrying writes that would block. */
export function patientSink(sink: ByteSink, fd: number): ByteSink {
  return { write: (bytes) => retrying(() => sink.write(bytes), fd, POLLOUT) };
}

/** `source` on descriptor `fd`, retrying reads that would block. */
export function patientSource(source: ByteSource, fd: number): ByteSource {
  return {
    read: (buffer) => retrying(() => source.read(buffer), fd, POLLIN),
    waiting: source.waiting?.bind(source),
  };
}

/** A pause that, unlike timing/delay.ts, holds the process open: bytes are still to be written. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function retrying<T>(attempt: () => Promise<T>, fd: number, events: number): Promise<T> {
  for (let tries = 0;; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof Deno.errors.WouldBlock)) throw error;
    }
    if (!await waitReady(fd, events, MAX_WAIT_MS)) {
      await pause(Math.min(MAX_SLEEP_MS, 2 ** tries));
    }
  }
}
