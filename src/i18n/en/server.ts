/** English: the server's screen: listening, who connected, who closed and how. */
import { plural } from "../plural.ts";

/** The server's messages: the operator's screen and log, and the lines it sends before closing. */
export const serverEn = {
  /** Sent to a newcomer refused because too many clients are waiting already. */
  busy: (maxWaiting: number) =>
    `* sorry, the server is busy: ${maxWaiting} ${
      plural("en", maxWaiting, "client is", "clients are")
    } already waiting their turn; try again later`,
  refusedWaiting: (address: string, maxWaiting: number) =>
    `refused ${address}: ${maxWaiting} ${
      plural("en", maxWaiting, "client is", "clients are")
    } waiting (--max-waiting)`,
  /** Sent to a client that sent nothing for --idle seconds, just before closing. */
  idleKick: (seconds: number) => `* no traffic for ${seconds} s: disconnecting you`,
  internalError: (address: string, why: string) =>
    `* internal error while serving ${address}: ${why}`,
  /** Why a client left, in its leave announcement. */
  internalErrorReason: "internal error",
  timedOut: "connection timed out",
  /** Piped serve's log (stderr, with -v). */
  listening: (where: string) => `listening on ${where}`,
  connectionFrom: (where: string) => `connection from ${where}`,
  pipedIdle: (peer: string, seconds: number) =>
    `${peer}: no traffic for ${seconds} s (--idle): connection closed`,
  pipedDone: (peer: string, received: number, sent: number) =>
    `${peer} done: received ${received} ${plural("en", received, "byte", "bytes")}, sent ${sent} ${
      plural("en", sent, "byte", "bytes")
    }`,
  /** The server's last line on the operator's screen. */
  stopped: "* server stopped",
  stoppedDisconnected: (n: number) =>
    `* server stopped: ${n} ${plural("en", n, "client", "clients")} disconnected`,
};
