/** English: the gate: refusal lines sent to refused clients, TLS and password checks. */

/**
 * The gate's messages. The lines a client reads (`tlsOnly` … `busy`) are also
 * recognised by `tp1 connect`, in every language (src/i18n/any_language.ts).
 */
import { plural } from "../plural.ts";

export const gateEn = {
  /** Sent in plain text to a client that does not speak TLS to a `--tls` server. */
  tlsOnly: "* this server only speaks TLS: connect with tp1 connect --tls (or ncat --ssl)",
  /** As tlsOnly, from a `--tls` server that also asks for a password. */
  tlsOnlyPassword:
    "* this server only speaks TLS and asks for a password: connect with tp1 connect --tls --password (or ncat --ssl)",
  /** A plain server's answer to a client that starts a TLS handshake. */
  plainOnly: "* this server does not speak TLS: connect without --tls",
  /** Sent to a client refused by --allow/--deny. */
  notAllowed: (ip: string) =>
    `* sorry, ${ip} is not allowed to connect to this server; ask its operator`,
  /** The server's first line to a client when a password is required. */
  passwordRequest:
    "* this server needs a password: type it and press Enter (tp1 connect --password hides it)",
  passwordAccepted: "* password accepted",
  passwordRejected: "* wrong password: the connection is closed",
  /** Sent instead of the request to a source over its attempt budget. */
  throttled: (address: string, seconds: number) =>
    `* too many wrong passwords from ${address}: try again in ${seconds} s`,
  /** Sent instead of the request to a source with too many password prompts open. */
  busy: (address: string) =>
    `* too many connections from ${address} are waiting for a password: answer or close those first`,
  /** The operator's log: who was refused, and why. */
  refused: (address: string, why: string) => `* refused ${address}: ${why}`,
  /** Why --allow/--deny refused an address (after "refused ADDR: "). */
  notAnAddress: (address: string) => `"${address}" is not an IP address`,
  deniedBy: (rule: string) => `denied by --deny ${rule}`,
  inNoAllowBlock: "not in any --allow block",
  couldNotAdmit: (address: string, why: string) => `* could not admit ${address}: ${why}`,
  startedTls: "it started a TLS handshake, but this server does not speak TLS",
  wrongPassword: "wrong password",
  noPassword: "no password given",
  moreRefused: (ip: string, n: number) =>
    `* ${ip}: ${n} more password attempts were refused while it was throttled`,
  throttledBusyLog: (ip: string) =>
    `too many connections from ${ip} waiting for a password; its further refusals are counted, not logged`,
  throttledWrongLog: (ip: string, seconds: number) =>
    `too many wrong passwords from ${ip} (next attempt in ${seconds} s); its further refusals are counted, not logged`,
  /** The log's bounds on refusal lines (src/gate/refusal_log.ts). */
  refusalsQuietFrom: (ip: string, seconds: number) =>
    `* ${ip} is refused again and again: its refusals in the next ${seconds} s are counted, not logged`,
  refusalsHiddenFrom: (ip: string, n: number) =>
    `* ${ip}: ${n} ${plural("en", n, "refusal was", "refusals were")} not logged`,
  refusalsQuiet: (seconds: number) =>
    `* too many refusals to log: those of the next ${seconds} s are counted, not logged`,
  refusalsHidden: (n: number) =>
    `* ${n} ${plural("en", n, "refusal was", "refusals were")} not logged`,
  /** What tp1 connect --password says when the exchange goes wrong (its own language). */
  askedNothing: (where: string, seconds: number) =>
    `${where} did not ask for a password within ${seconds} s; ` +
    `is it a tp1 server started with --password? (leave out --password otherwise)`,
  throttledHere: (where: string, seconds: number) =>
    `${where} refuses password attempts from this address for now (too many wrong ones): ` +
    `try again in ${seconds} s, with the right password`,
  busyHere: (where: string) =>
    `${where} has too many connections from this address waiting for a password: ` +
    `answer or close those, then try again`,
  askedOther: (where: string, said: string | null) =>
    `${where} did not ask for a password (it said: ${JSON.stringify(said ?? "nothing")}); ` +
    `leave out --password`,
  refusedHere: (where: string) =>
    `${where} refused the password; check it with the server's operator`,
  /** `--password-file` naming a file whose first line is empty. */
  emptyPasswordFile: (path: string) => `the password file ${path} starts with an empty line`,
  /** Why a `--tls` server's handshake with a client failed (the operator's log). */
  tlsServer: {
    /** The client, as the gate's log names it after "refused ADDR: ". */
    it: "it",
    theClientAt: (address: string) => `the client at ${address}`,
    spokePlain: (who: string) => `${who} spoke plain text, not TLS`,
    leftBefore: (who: string) => `${who} left before starting TLS`,
    reset: (who: string) => `${who} reset the connection`,
    silent: (who: string, seconds: number) =>
      `${who} sent nothing within ${seconds} s (likely a client without --tls, which is told to add it)`,
    unfinished: (who: string, seconds: number) =>
      `${who} did not finish the TLS handshake within ${seconds} s`,
    leftDuring: (who: string) => `${who} left during the TLS handshake`,
    failed: (who: string, why: string) => `the TLS handshake with ${who} failed: ${why}`,
  },
};
