/**
 * Waits for a `node:tls` handshake to finish, or fails it on error, early close,
 * time-out or abort, destroying the socket (and so the TCP connection under it).
 * Private to `src/tls/`.
 */
import type { TLSSocket } from "node:tls";

/** What ended a handshake early: an error TLS reported, the time limit, or the peer closing. */
export type HandshakeFailure = Error | "timeout" | "closed";

/**
 * Waits for `secureConnect` (client) or `secure` (server); on error, end of
 * stream, time-out or abort, destroys the socket and rejects with `describe`'s error.
 */
export function awaitHandshake(
  socket: TLSSocket,
  doneEvent: "secureConnect" | "secure",
  timeoutMs: number,
  signal: AbortSignal | undefined,
  describe: (failure: HandshakeFailure) => Error,
): Promise<void> {
  // Node may report the same failure twice (`end`, then an ECONNRESET `error`), and an
  // `error` with no listener would crash the process: keep one for the socket's life.
  socket.on("error", ignore);
  return new Promise<void>((resolve, reject) => {
    const settle = (failure?: unknown) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      socket.off(doneEvent, onSecure);
      socket.off("error", onError);
      socket.off("close", onClose);
      socket.off("end", onClose);
      if (failure === undefined) {
        resolve();
      } else {
        socket.destroy();
        reject(failure);
      }
    };
    const onSecure = () => settle();
    const onError = (error: Error) => settle(describe(error));
    const onClose = () => settle(describe("closed"));
    const onAbort = () => settle(signal?.reason);
    const timer = setTimeout(() => settle(describe("timeout")), timeoutMs);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.once(doneEvent, onSecure);
    socket.once("error", onError);
    // The peer's end of stream during the handshake shows as `end`; `close` may never come.
    socket.once("end", onClose);
    socket.once("close", onClose);
  });
}

function ignore(): void {
  // Errors are reported through the promise, or by TlsConnection's own listener.
}
