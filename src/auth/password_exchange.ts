/**
 * Both ends of the `--password` exchange over an open connection, before the
 * session starts. The server asks and judges; the client answers.
 */
import { deadline } from "../io/deadline.ts";
import { delay } from "../io/delay.ts";
import { UserError } from "../errors.ts";
import { type ByteSink, type ByteSource, writeAll } from "../io/byte_ends.ts";
import { t } from "../i18n/catalogue.ts";
import {
  isPasswordAccepted,
  isPasswordRequest,
  MAX_PASSWORD_BYTES,
  readRefusal,
} from "./password_protocol.ts";
import { readOneLine } from "../io/read_one_line.ts";
import { untilAborted } from "../io/until_aborted.ts";
import { passwordMatches } from "./password_match.ts";

/** How long a client may take to type its password. */
export const PASSWORD_ANSWER_TIMEOUT_MS = 60_000;

const encoder = new TextEncoder();

/**
 * The server's first line was not a password request: `said` is that line (null
 * when the connection ended first), for the caller to recognise (a TLS hint).
 */
export class NotAskedError extends UserError {
  override name = "NotAskedError";
  readonly kind = "not-asked";
  constructor(message: string, readonly said: string | null) {
    super(message);
  }
}

/** What the server concluded about a client's password. */
export type PasswordVerdict = "accepted" | "wrong" | "no-answer";

/**
 * Server side: asks `conn` for the password and judges the answer. Right and
 * wrong are answered alike, at once: slowing guessers is the throttle's job
 * (src/auth/password_throttle.ts), before the question is asked, so no socket
 * waits out a delay and the time to answer tells a guesser nothing.
 * Aborting `signal` (the server is stopping) ends the wait at once, as "no-answer".
 */
export async function askPassword(
  conn: ByteSource & ByteSink,
  expected: string,
  signal?: AbortSignal,
): Promise<PasswordVerdict> {
  // Ends this exchange's wait when `signal` aborts, and clears its timer when it is over.
  const over = new AbortController();
  const stop = () => over.abort();
  signal?.addEventListener("abort", stop, { once: true });
  const stopped = new Promise<"stopped">((resolve) => {
    over.signal.addEventListener("abort", () => resolve("stopped"), { once: true });
  });
  try {
    await writeAll(conn, encoder.encode(t().gate.passwordRequest + "\n"));
    const answer = await Promise.race([
      readOneLine(conn, MAX_PASSWORD_BYTES).catch(() => null),
      delay(PASSWORD_ANSWER_TIMEOUT_MS, over.signal).then(() => null),
      stopped,
    ]);
    if (answer === "stopped") return "no-answer";
    if (answer !== null && passwordMatches(expected, answer)) {
      await writeAll(conn, encoder.encode(t().gate.passwordAccepted + "\n"));
      return "accepted";
    }
    await writeAll(conn, encoder.encode(t().gate.passwordRejected + "\n")).catch(() => undefined);
    return answer === null ? "no-answer" : "wrong";
  } finally {
    over.abort();
    signal?.removeEventListener("abort", stop);
  }
}

/**
 * Client side: waits for the server's request, sends `password`, and returns
 * once it is accepted. Throws a UserError when refused or never asked, and
 * `signal`'s reason as soon as it aborts (Ctrl-C), whatever it was waiting for.
 */
export async function givePassword(
  conn: ByteSource & ByteSink,
  password: string,
  where: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  signal?.throwIfAborted();
  const exchange = answerRequest(conn, password, where, timeoutMs);
  // Aborted, the exchange is abandoned: its read fails once the caller closes `conn`.
  exchange.catch(() => undefined);
  await untilAborted(exchange, signal);
}

async function answerRequest(
  conn: ByteSource & ByteSink,
  password: string,
  where: string,
  timeoutMs: number,
): Promise<void> {
  const request = await deadline(readOneLine(conn, 4096), timeoutMs);
  if (request === "timeout") {
    throw new UserError(t().gate.askedNothing(where, timeoutMs / 1000));
  }
  const refusal = request === null ? undefined : readRefusal(request);
  if (refusal?.kind === "throttled") {
    throw new UserError(t().gate.throttledHere(where, refusal.retryInS));
  }
  if (refusal?.kind === "busy") {
    throw new UserError(t().gate.busyHere(where));
  }
  if (request === null || !isPasswordRequest(request)) {
    throw new NotAskedError(t().gate.askedOther(where, request), request);
  }
  await writeAll(conn, encoder.encode(password + "\n"));
  const verdict = await readOneLine(conn, 4096);
  if (verdict === null || !isPasswordAccepted(verdict)) {
    throw new UserError(t().gate.refusedHere(where));
  }
}
