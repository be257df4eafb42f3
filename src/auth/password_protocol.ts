/**
 * The shared-secret exchange of `serve --password`, in plain lines so that `nc`
 * and telnet users can take part: the server asks, the client answers with one
 * line, the server answers "accepted" or "wrong" at once (closing after a wrong
 * one). A source that guessed wrong too often is told so, and when to come back,
 * instead of being asked. The answer ends at LF; a CR just before it is the
 * line ending of telnet and `nc -C`, not part of the password, so "s3cret\r\n"
 * is "s3cret" (a password cannot end with a CR: nobody could type it).
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** The server's first line to a client when a password is required. */
export const PASSWORD_REQUEST =
  "* this server needs a password: type it and press Enter (tp1 connect --password hides it)";

/** The server's answer to the right password; the session starts after it. */
export const PASSWORD_ACCEPTED = "* password accepted";

/** The server's answer to a wrong or missing password, just before it closes. */
export const PASSWORD_REJECTED = "* wrong password: the connection is closed";

/** Longest answer read from a client, so a flood cannot grow memory. */
export const MAX_PASSWORD_BYTES = 1024;

const THROTTLED = /^\* too many wrong passwords from (\S+): try again in (\d+) s$/;
const BUSY = /^\* too many connections from (\S+) are waiting for a password: /;

/** Sent instead of the request to a source over its attempt budget. */
export function throttledLine(address: string, retryInMs: number): string {
  return `* too many wrong passwords from ${address}: try again in ${
    Math.max(1, Math.ceil(retryInMs / 1000))
  } s`;
}

/** Sent instead of the request to a source with too many password prompts open. */
export function busyLine(address: string): string {
  return `* too many connections from ${address} are waiting for a password: ` +
    `answer or close those first`;
}

/** What a line sent instead of the request means to the client, when it is one of the above. */
export function readRefusal(
  line: string,
): { kind: "throttled"; retryInS: number } | { kind: "busy" } | undefined {
  const throttled = THROTTLED.exec(line);
  if (throttled) return { kind: "throttled", retryInS: Number(throttled[2]) };
  return BUSY.test(line) ? { kind: "busy" } : undefined;
}

/** Compares a given password with the expected one in constant time. */
export function passwordMatches(expected: string, given: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(given));
}
