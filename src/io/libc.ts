/**
 * The few libc calls piped mode needs and Deno does not offer: fcntl (to grow
 * a pipe), poll (is input waiting? may output be written?) and a plain
 * write(2) on a descriptor left non-blocking. Deno reaches
 * them only through FFI, so each caller gets undefined (and does without)
 * when --allow-ffi is missing or the system is not Linux.
 */

const POLLFD_BYTES = 8;

/** poll(2) event bits (Linux). */
export const POLLIN = 0x001;
/** Writing will not block. */
export const POLLOUT = 0x004;
/** An error, or the other end hung up: a read or write returns at once. */
export const POLL_DONE = 0x008 | 0x010 | 0x020;

const SYMBOLS = {
  fcntl: { parameters: ["i32", "i32", "i32"], result: "i32" },
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32" },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  open: { parameters: ["buffer", "i32", "i32"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer" },
  // The same call on a helper thread, for waits that must not stop the event loop.
  poll_waiting: {
    name: "poll",
    parameters: ["buffer", "u64", "i32"],
    result: "i32",
    nonblocking: true,
  },
} as const;

type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

let opened: Libc | null | undefined;

/** libc's symbols, or undefined when FFI cannot be used here. */
export function libc(): Libc | undefined {
  if (opened !== undefined) return opened ?? undefined;
  opened = null;
  if (Deno.build.os !== "linux") return undefined;
  try {
    // Asking first: a missing permission must not turn into a prompt.
    if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") return undefined;
    // fcntl is variadic; on Linux's x86-64 and AArch64 calling conventions an int
    // third argument is passed the same way either way.
    opened = Deno.dlopen("libc.so.6", SYMBOLS).symbols;
  } catch {
    opened = null;
  }
  return opened ?? undefined;
}

function pollFd(fd: number, events: number): Uint8Array<ArrayBuffer> {
  const buffer = new Uint8Array(POLLFD_BYTES);
  const view = new DataView(buffer.buffer);
  view.setInt32(0, fd, true);
  view.setInt16(4, events, true);
  return buffer;
}

function revents(buffer: Uint8Array<ArrayBuffer>): number {
  return new DataView(buffer.buffer).getInt16(6, true);
}

/**
 * Whether `fd` is ready for `events` right now (or has hung up); undefined when
 * poll cannot be called here.
 */
export function readyNow(fd: number, events: number): boolean | undefined {
  const symbols = libc();
  if (!symbols) return undefined;
  const buffer = pollFd(fd, events);
  const n = symbols.poll(buffer, 1n, 0);
  if (n < 0) return undefined;
  return (revents(buffer) & (events | POLL_DONE)) !== 0;
}

/**
 * Waits, on a helper thread, until `fd` is ready for `events` or `timeoutMs`
 * passes; false when poll cannot be called here, or `fd` is no descriptor (the
 * caller waits its own way).
 */
export async function waitReady(fd: number, events: number, timeoutMs: number): Promise<boolean> {
  const symbols = libc();
  if (!symbols || fd < 0) return false;
  await symbols.poll_waiting(pollFd(fd, events), 1n, timeoutMs);
  return true;
}

/** errno values tp1 tells apart. */
export const EAGAIN = 11;
const EINTR = 4;
const EPIPE = 32;

/**
 * write(2) on a non-blocking `fd`: the bytes taken (0 when it would block), or
 * undefined when FFI cannot be used here. Failures are thrown as Deno's errors.
 */
export function writeNow(fd: number, bytes: Uint8Array): number | undefined {
  const symbols = libc();
  if (!symbols) return undefined;
  for (;;) {
    const n = Number(symbols.write(fd, bytes as Uint8Array<ArrayBuffer>, BigInt(bytes.length)));
    if (n >= 0) return n;
    const where = symbols.__errno_location();
    const errno = where === null ? 0 : new Deno.UnsafePointerView(where).getInt32();
    if (errno === EINTR) continue;
    if (errno === EAGAIN) return 0;
    if (errno === EPIPE) throw new Deno.errors.BrokenPipe("the reader of standard output is gone");
    throw new Error(`write to descriptor ${fd} failed (errno ${errno})`);
  }
}

const O_WRONLY = 0o1;
const O_NOCTTY = 0o400;
const O_NONBLOCK = 0o4000;
const O_CLOEXEC = 0o2000000;

/**
 * Opens `path` for writing on a descriptor of our own that never blocks (and
 * never becomes a controlling terminal); undefined when FFI cannot be used or
 * the open fails.
 */
export function openNonBlockingForWriting(path: string): number | undefined {
  const symbols = libc();
  if (!symbols) return undefined;
  const cPath = new TextEncoder().encode(path + "\0");
  const fd = symbols.open(cPath, O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC, 0);
  return fd >= 0 ? fd : undefined;
}
