/**
 * Both ends of the `--password` exchange over an open connection, before the
 * session starts. The server asks and judges; the client answers.
 */
import { delay } from "../core/delay.ts";
import { UserError } from "../errors.ts";
import { type ByteSink, type ByteSource, writeAll } from "../pipe/byte_ends.ts";
import type { FailureThrottle } from "./failure_throttle.ts";
import {
  MAX_PASSWORD_BYTES,
  PASSWORD_ACCEPTED,
  PASSWORD_REJECTED,
  PASSWORD_REQUEST,
  passwordMatches,
} from "./password_protocol.ts";
import { readOneLine } from "./read_one_line.ts";

/** How long a client may take to type its password. */
export const PASSWORD_ANSWER_TIMEOUT_MS = 60_000;

const encoder = new TextEncoder();

/** What the server concluded about a client's password. */
export type PasswordVerdict = "accepted" | "wrong" | "no-answer";

/**
 * Server side: asks `conn` for the password and judges the answer. A wrong
 * answer is refused only after the throttle's delay, so guessing is slow.
 */
export async function askPassword(
  conn: ByteSource & ByteSink,
  expected: string,
  address: string,
  throttle: FailureThrottle,
): Promise<PasswordVerdict> {
  await writeAll(conn, encoder.encode(PASSWORD_REQUEST + "\n"));
  const answer = await Promise.race([
    readOneLine(conn, MAX_PASSWORD_BYTES).catch(() => null),
    delay(PASSWORD_ANSWER_TIMEOUT_MS).then(() => null),
  ]);
  if (answer !== null && passwordMatches(expected, answer)) {
    throttle.recordSuccess(address);
    await writeAll(conn, encoder.encode(PASSWORD_ACCEPTED + "\n"));
    return "accepted";
  }
  await delay(throttle.recordFailure(address, Date.now()));
  await writeAll(conn, encoder.encode(PASSWORD_REJECTED + "\n")).catch(() => undefined);
  return answer === null ? "no-answer" : "wrong";
}

/**
 * Client side: waits for the server's request, sends `password`, and returns
 * once it is accepted. Throws a UserError when refused or never asked.
 */
export async function givePassword(
  conn: ByteSource & ByteSink,
  password: string,
  where: string,
  timeoutMs: number,
): Promise<void> {
  const request = await Promise.race([
    readOneLine(conn, 4096),
    delay(timeoutMs).then(() => "timeout" as const),
  ]);
  if (request === "timeout") {
    throw new UserError(
      `${where} did not ask for a password within ${timeoutMs / 1000} s; ` +
        `is it a tp1 server started with --password? (leave out --password otherwise)`,
    );
  }
  if (request !== PASSWORD_REQUEST) {
    throw new UserError(
      `${where} did not ask for a password (it said: ${JSON.stringify(request ?? "nothing")}); ` +
        `leave out --password`,
    );
  }
  await writeAll(conn, encoder.encode(password + "\n"));
  const verdict = await readOneLine(conn, 4096);
  if (verdict !== PASSWORD_ACCEPTED) {
    throw new UserError(`${where} refused the password; check it with the server's operator`);
  }
}
