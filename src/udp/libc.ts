/**
 * Adapter: the few C library calls tp1's UDP needs, through Deno's FFI (stable
 * in Deno 2, allowed by --allow-all or --allow-ffi), loaded once on first use.
 * See udp_socket.ts for why UDP does not use Deno's own APIs.
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";

const SYMBOLS = {
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  bind: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  connect: { parameters: ["i32", "buffer", "u32"], result: "i32" },
  send: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  sendto: { parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"], result: "isize" },
  recvfrom: {
    parameters: ["i32", "buffer", "usize", "i32", "buffer", "buffer"],
    result: "isize",
  },
  setsockopt: { parameters: ["i32", "i32", "i32", "buffer", "u32"], result: "i32" },
  getsockname: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
  pipe2: { parameters: ["buffer", "i32"], result: "i32" },
  write: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  recv: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  close: { parameters: ["i32"], result: "i32" },
  /** Waits on a helper thread: for datagrams, without holding up the event loop. */
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32", nonblocking: true },
  /** The same call with a zero timeout, on this thread: is anything ready right now? */
  pollNow: { name: "poll", parameters: ["buffer", "u64", "i32"], result: "i32" },
  __errno_location: { parameters: [], result: "pointer" },
} as const;

/** The loaded calls. */
export type Libc = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
let libc: Libc | undefined;

/** Loads the C library; a `UserError` says what to do when FFI is not allowed. */
export function loadLibc(): Libc {
  if (libc) return libc;
  try {
    libc = Deno.dlopen("libc.so.6", SYMBOLS).symbols;
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) {
      throw new UserError(
        t().udp.needsFfi,
      );
    }
    throw new UserError(t().udp.needsLibc((error as Error).message));
  }
  return libc;
}

/** The C library's errno on this thread: read right after the failed call. */
export function errno(c: Libc): number {
  const at = c.__errno_location();
  return at === null ? 0 : new Deno.UnsafePointerView(at).getInt32();
}

const POLLIN = 1;
const POLLHUP = 0x10;
const MSG_DONTWAIT = 0x40;
const ENOTSOCK = 88;
/** Descriptors found not to be sockets, read after a poll() instead. */
const notSocket = new Set<number>();
const pollEntry = new Uint8Array(8);
const pollView = new DataView(pollEntry.buffer);

/**
 * Reads `fd` only if a read would return at once (data, or the end of input),
 * or within `waitMs` (blocking this thread that long at most): the bytes read,
 * null at the end, undefined when nothing is there yet. A
 * sender fed one datagram per read goes on synchronously this way, instead of
 * handing every read to a helper thread, which is most of the cost.
 */
export function readIfReady(
  fd: number,
  buffer: Uint8Array,
  waitMs = 0,
): number | null | undefined {
  const c = loadLibc();
  // A socket (a datagram source) is read without a poll() first: one call instead of two.
  if (!notSocket.has(fd)) {
    const n = Number(c.recv(fd, buffer, BigInt(buffer.length), MSG_DONTWAIT));
    if (n >= 0) return n === 0 ? null : n;
    if (errno(c) === ENOTSOCK) notSocket.add(fd);
    else if (waitMs === 0) return undefined;
  }
  pollView.setInt32(0, fd, true);
  pollView.setInt16(4, POLLIN, true);
  pollView.setInt16(6, 0, true);
  if (c.pollNow(pollEntry, 1n, waitMs) <= 0) return undefined;
  if ((pollView.getInt16(6, true) & (POLLIN | POLLHUP)) === 0) return undefined;
  const n = Number(c.read(fd, buffer, BigInt(buffer.length)));
  if (n < 0) return undefined;
  return n === 0 ? null : n;
}
