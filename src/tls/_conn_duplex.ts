/**
 * Presents a Deno TCP connection as a Node.js `Duplex`, so `node:tls` can run
 * TLS over a socket that the rest of tp1 opened, accepted and configured
 * (keepalive, access checks) with the Deno API. Private to `src/tls/`.
 */
import { Duplex } from "node:stream";
import { closeQuietly } from "../io/close_quietly.ts";
import { writeAll } from "../io/byte_ends.ts";
import { deadline } from "../io/deadline.ts";

/** Read size per `conn.read()`: one TLS record is at most 16 KiB plus overhead. */
const READ_SIZE = 32 * 1024;

/** How long a graceful close may spend sending what TLS handed over, then draining the peer. */
const FLUSH_LIMIT_MS = 5_000;
const DRAIN_LIMIT_MS = 1_000;

/** Options for {@linkcode duplexOverConn}. */
export interface ConnDuplexOptions {
  /** Bytes already read from `conn` that must come out first. */
  readonly prefix?: Uint8Array;
  /** Sees every chunk read from `conn`, before TLS does (to recognise plain text). */
  readonly onRead?: (chunk: Uint8Array) => void;
}

/**
 * A Duplex whose reads come from `conn`, whose writes go to it, and whose destroy closes it.
 *
 * node:tls destroys this stream as soon as both TLS directions are finished, while
 * encrypted bytes it has handed over may still wait in the stream's buffer, and while
 * the peer's last bytes (its close_notify, its FIN) may still be unread. Closing the TCP
 * connection at that moment loses the tail of the data: the buffer is discarded, and
 * unread input makes the kernel answer with a reset, which throws away what the peer
 * has not read yet. So a destroy without an error is graceful: everything handed over
 * is written, the sending side is shut down, the peer's remaining bytes are drained,
 * and only then is the connection closed (each step bounded in time). A destroy with an
 * error, or a failed write, closes at once.
 */
export function duplexOverConn(conn: Deno.Conn, options: ConnDuplexOptions = {}): Duplex {
  let prefix = options.prefix && options.prefix.length > 0 ? options.prefix : undefined;
  let closed = false;
  let writing = false;
  let reading = false;
  let flushed: (() => void) | undefined;
  const closeConn = () => {
    if (closed) return;
    closed = true;
    closeQuietly(conn);
  };
  const duplex = new Duplex({
    // TLS decides when to end its sending side; the peer's FIN must not end it for us.
    allowHalfOpen: true,
    read() {
      if (prefix) {
        const first = prefix;
        prefix = undefined;
        this.push(first);
        return;
      }
      const buffer = new Uint8Array(READ_SIZE);
      reading = true;
      conn.read(buffer).then(
        (n) => {
          reading = false;
          if (n === null) {
            this.push(null);
            return;
          }
          const chunk = buffer.subarray(0, n);
          options.onRead?.(chunk);
          this.push(chunk);
        },
        (error: unknown) => {
          reading = false;
          if (!closed) this.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
    write(chunk: Uint8Array, _encoding, callback) {
      writing = true;
      writeAll(conn, chunk).then(
        () => {
          writing = false;
          callback();
          // The next buffered chunk, if any, is handed to write() from this callback.
          queueMicrotask(() => {
            if (!writing && duplex.writableLength === 0) flushed?.();
          });
        },
        (error: Error) => {
          writing = false;
          closeConn();
          callback(error);
          flushed?.();
        },
      );
    },
    final(callback) {
      conn.closeWrite().then(() => callback(), () => callback());
    },
    destroy(error, callback) {
      closeConn();
      callback(error);
    },
  });
  const destroyNow = duplex.destroy.bind(duplex);
  let closing = false;
  duplex.destroy = (error?: Error) => {
    if (error || closed || closing) return destroyNow(error);
    closing = true;
    closeGracefully().finally(() => destroyNow());
    return duplex;
  };
  const closeGracefully = async () => {
    if (writing || duplex.writableLength > 0) {
      await deadline(new Promise<void>((resolve) => flushed = resolve), FLUSH_LIMIT_MS);
    }
    if (closed) return;
    await conn.closeWrite().catch(() => {});
    // A read already under way owns the connection's input; otherwise drain it here.
    if (!reading) await drain(conn, DRAIN_LIMIT_MS);
  };
  return duplex;
}

/** Reads and drops the peer's remaining bytes until its end of stream, for at most `limitMs`. */
async function drain(conn: Deno.Conn, limitMs: number): Promise<void> {
  const buffer = new Uint8Array(READ_SIZE);
  const readToEnd = async () => {
    try {
      while (await conn.read(buffer) !== null) { /* dropped: TLS is already finished */ }
    } catch {
      // Reset or closed: nothing left to drain.
    }
  };
  await deadline(readToEnd(), limitMs);
}
