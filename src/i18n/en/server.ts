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
  /** The banner of an interactive `tp1 serve` (and the chat room's log header). */
  bannerServer: "tp1 server",
  bannerChat: "tp1 chat room",
  bannerLabHint: "type a line to send it to every client; /help lists the commands",
  bannerChatHint:
    "clients see each other's lines; yours go to everyone as <server>; /help lists the commands",
  bannerStop: '"exit", Ctrl-D or Ctrl-C stops the server',
  listeningEverywhere: (port: number, which: string) =>
    `listening on port ${port}, every interface (${which})`,
  bothFamilies: "0.0.0.0 and [::]",
  reachAt: (addresses: readonly string[]) => ` — reach it at ${addresses.join(" or ")}`,
  logHeader: (where: string) => `* tp1 chat room, ${where}`,
  logStop: (pid: number) => `* stop it with Ctrl-C or "kill ${pid}"`,
  /** With -v: each accepted connection, and how each one closed. */
  accepted: (peer: string, local: string) => `* accepted ${peer} on ${local}`,
  closedHow: (peer: string, how: string) => `* ${peer} closed: ${how}`,
  /** `tp1 serve | tee …`: the output is not a terminal, so serve runs piped. */
  pipedOutput: (command: string) =>
    `output goes to a file or a pipe, so tp1 serve runs piped, like nc -l (the client's bytes as they are, no prompt, one client); to keep a transcript of the chat for your report instead, run it without the redirection: ${command} --record session.md`,
};
