/**
 * Keeps what a hostile or broken peer sends from escaping a `node:tls` socket
 * as an uncaught exception, which would end the whole process. Private to
 * `src/tls/`.
 *
 * Deno 2.9.6's `TLSSocket._start` feeds the first bytes to TLS, and when they
 * are refused at once (an alert as the first record, a record of length 0xffff,
 * a malformed ClientHello, an invalid SNI name) the socket destroys itself
 * inside that call, then `_start` reads `this._handle._flushEncOut` off the
 * handle it just dropped: a TypeError thrown from a `nextTick` callback, where
 * no caller can catch it. Here `_start` runs inside a guard on this one socket:
 * whatever it throws destroys that socket with the error (its `error`/`close`
 * listeners then fail the handshake) and nothing else.
 */
import type { TLSSocket } from "node:tls";

/** The `node:tls` internals the guard wraps: Deno's `TLSSocket` looks `_start` up at call time. */
interface StartableSocket {
  _start?: (this: TLSSocket, ...args: unknown[]) => unknown;
}

/**
 * Makes `socket`'s internal start, however it is called (now, or later from
 * `nextTick`), destroy `socket` on a throw instead of throwing. Call it right
 * after constructing the socket, in the same tick.
 */
export function guardTlsSocket(socket: TLSSocket): void {
  const internals = socket as unknown as StartableSocket;
  const start = internals._start;
  if (typeof start !== "function") return;
  internals._start = function guardedStart(this: TLSSocket, ...args: unknown[]) {
    try {
      return start.apply(this, args);
    } catch (error) {
      failSocket(this, error);
    }
  };
}

/**
 * Ends `socket` with `error`. A socket that destroyed itself (the usual case: TLS
 * refused the bytes, with an alert as its error) already has its `error` or
 * `close` on the way, which is what its listeners are waiting for.
 */
function failSocket(socket: TLSSocket, error: unknown): void {
  if (socket.destroyed) return;
  const message = error instanceof Error ? error.message : String(error);
  socket.destroy(
    new Error(`the TLS layer failed on the peer's data (${message})`, { cause: error }),
  );
}
