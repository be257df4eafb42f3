/**
 * Presents a Deno TCP connection as a Node.js `Duplex`, so `node:tls` can run
 * TLS over a socket that the rest of tp1 opened, accepted and configured
 * (keepalive, access checks) with the Deno API. Private to `src/tls/`.
 */
import { Duplex } from "node:stream";
import { closeQuietly } from "../net/close_quietly.ts";

/** Read size per `conn.read()`: one TLS record is at most 16 KiB plus overhead. */
const READ_SIZE = 32 * 1024;

/** Options for {@linkcode duplexOverConn}. */
export interface ConnDuplexOptions {
  /** Bytes already read from `conn` that must come out first. */
  readonly prefix?: Uint8Array;
  /** Sees every chunk read from `conn`, before TLS does (to recognise plain text). */
  readonly onRead?: (chunk: Uint8Array) => void;
}

/** A Duplex whose reads come from `conn`, whose writes go to it, and whose destroy closes it. */
export function duplexOverConn(conn: Deno.Conn, options: ConnDuplexOptions = {}): Duplex {
  let prefix = options.prefix && options.prefix.length > 0 ? options.prefix : undefined;
  let closed = false;
  const closeConn = () => {
    if (closed) return;
    closed = true;
    closeQuietly(conn);
  };
  return new Duplex({
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
      conn.read(buffer).then(
        (n) => {
          if (n === null) {
            this.push(null);
            return;
          }
          const chunk = buffer.subarray(0, n);
          options.onRead?.(chunk);
          this.push(chunk);
        },
        (error: unknown) => {
          if (!closed) this.destroy(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
    write(chunk: Uint8Array, _encoding, callback) {
      writeAll(conn, chunk).then(() => callback(), (error: Error) => callback(error));
    },
    final(callback) {
      conn.closeWrite().then(() => callback(), () => callback());
    },
    destroy(error, callback) {
      closeConn();
      callback(error);
    },
  });
}

async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let written = 0; written < bytes.length;) {
    written += await conn.write(bytes.subarray(written));
  }
}
