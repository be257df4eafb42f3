/**
 * The C library calls tp1 needs and Deno does not offer, through Deno's FFI
 * (stable in Deno 2, allowed by --allow-all or --allow-ffi), each bound on its
 * first call: fcntl (to grow a pipe), poll (is input waiting? may output be
 * written?), a plain write(2) on a descriptor left non-blocking, and the
 * socket calls of UDP (see src/udp/udp_socket.ts for why UDP does not use
 * Deno's own APIs). Piped mode's callers get undefined (and do without) when
 * --allow-ffi is missing or the system is not Linux; UDP, which cannot do
 * without, asks {@linkcode libcMissing} why and says so.
 *
 * Binding a symbol costs about 0.35 ms (Deno compiles a call stub for it), so
 * binding all of them at once cost a piped `tp1 connect` 8 ms before its first
 * byte, for the one call it makes then (fcntl); each is bound when first used.
 */

const POLLFD_BYTES = 8;

/** poll(2) event bits (Linux). */
export const POLLIN = 0x001;
/** Writing will not block. */
export const POLLOUT = 0x004;
/** The other end hung up. */
export const POLLHUP = 0x010;
/** An error, or the other end hung up: a read or write returns at once. */
export const POLL_DONE = 0x008 | 0x010 | 0x020;

const SYMBOLS = {
  fcntl: { parameters: ["i32", "i32", "i32"], result: "i32" },
  /** On this thread: with a zero timeout, is anything ready right now? */
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32" },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  open: { parameters: ["buffer", "i32", "i32"], result: "i32" },
  close: { parameters: ["i32"], result: "i32" },
  pipe2: { parameters: ["buffer", "i32"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer" },
  // The same call on a helper thread, for waits that must not stop the event loop.
  poll_waiting: {
    name: "poll",
    parameters: ["buffer", "u64", "i32"],
    result: "i32",
    nonblocking: true,
  },
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  bind: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  connect: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  send: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  sendto: { parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"], result: "isize" },
  recv: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  recvfrom: {
    parameters: ["i32", "buffer", "usize", "i32", "buffer", "buffer"],
    result: "isize",
  },
  /** Several datagrams (or reads of a socket) in one call: see message_batch.ts. */
  recvmmsg: { parameters: ["i32", "buffer", "u32", "i32", "pointer"], result: "i32" },
  /** Several datagrams sent in one call: see message_batch.ts. */
  sendmmsg: { parameters: ["i32", "buffer", "u32", "i32"], result: "i32" },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  getsockopt: { parameters: ["i32", "i32", "i32", "buffer", "buffer"], result: "i32" },
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
} as const;

/** The loaded calls. */
export type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];

/** Why the C library cannot be used here: FFI is not allowed, or there is no libc.so.6. */
export type LibcMissing =
  | { readonly kind: "no-permission" }
  | { readonly kind: "no-library"; readonly detail: string };

let opened: Libc | LibcMissing | undefined;

const LIBRARY = "libc.so.6";
type SymbolName = keyof typeof SYMBOLS;

/** Binds the one symbol `name` (libc itself is in the process already: no file is opened). */
function bind<N extends SymbolName>(name: N): Libc[N] {
  const one = { [name]: SYMBOLS[name] } as Pick<typeof SYMBOLS, N>;
  return Deno.dlopen(LIBRARY, one).symbols[name] as unknown as Libc[N];
}

/** The symbols: those in `bound` as they are, each other one bound when first read. */
function lazilyBound(bound: Partial<Libc>): Libc {
  const symbols: Partial<Libc> = { ...bound };
  for (const name of Object.keys(SYMBOLS) as SymbolName[]) {
    if (name in symbols) continue;
    Object.defineProperty(symbols, name, {
      configurable: true,
      enumerable: true,
      get: () => {
        const value = bind(name);
        Object.defineProperty(symbols, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return symbols as Libc;
}

function open(): Libc | LibcMissing {
  if (Deno.build.os !== "linux") {
    return { kind: "no-library", detail: `${Deno.build.os} is not Linux` };
  }
  try {
    // Asking first: a missing permission must not turn into a prompt.
    if (Deno.permissions.querySync({ name: "ffi" }).state !== "granted") {
      return { kind: "no-permission" };
    }
    // One symbol now, so that a missing library is known here, not at some later call.
    // fcntl is variadic; on Linux's x86-64 and AArch64 calling conventions an int
    // third argument is passed the same way either way.
    return lazilyBound({ fcntl: bind("fcntl") });
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) return { kind: "no-permission" };
    return { kind: "no-library", detail: (error as Error).message };
  }
}

function isMissing(value: Libc | LibcMissing): value is LibcMissing {
  return "kind" in value;
}

/** libc's symbols, or undefined when FFI cannot be used here. */
export function libc(): Libc | undefined {
  opened ??= open();
  return isMissing(opened) ? undefined : opened;
}

/** Why {@linkcode libc} gives undefined; undefined when it does not. */
export function libcMissing(): LibcMissing | undefined {
  opened ??= open();
  return isMissing(opened) ? opened : undefined;
}

/** The C library's errno on this thread: read right after the failed call. */
export function errno(c: Libc): number {
  const at = c.__errno_location();
  return at === null ? 0 : new Deno.UnsafePointerView(at).getInt32();
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
/** A call interrupted by a signal: made again. */
export const EINTR = 4;
const EPIPE = 32;
/** The descriptor is no socket (a socket call on a pipe or a file). */
export const ENOTSOCK = 88;
/** recv/send flag: this call does not block, whatever the descriptor. */
export const MSG_DONTWAIT = 0x40;

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
    const code = errno(symbols);
    if (code === EINTR) continue;
    if (code === EAGAIN) return 0;
    if (code === EPIPE) throw new Deno.errors.BrokenPipe("the reader of standard output is gone");
    throw new Error(`write to descriptor ${fd} failed (errno ${code})`);
  }
}

const O_WRONLY = 0o1;
const O_NOCTTY = 0o400;
/** open(2)/fcntl(2): the descriptor never blocks. */
export const O_NONBLOCK = 0o4000;
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
