/**
 * The shared-secret exchange of `serve --password`, in plain lines so that `nc`
 * and telnet users can take part: the server asks, the client answers with one
 * line, the server accepts or (after a delay) refuses and closes.
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

/** Compares a given password with the expected one in constant time. */
export function passwordMatches(expected: string, given: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(given));
}
