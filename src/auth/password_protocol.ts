/**
 * The shared-secret exchange of `serve --password`, in plain lines so that `nc`
 * and telnet users can take part: the server asks, the client answers with one
 * line, the server answers "accepted" or "wrong" at once (closing after a wrong
 * one). A source that guessed wrong too often is told so, and when to come back,
 * instead of being asked. The answer ends at LF; a CR just before it is the
 * line ending of telnet and `nc -C`, not part of the password, so "s3cret\r\n"
 * is "s3cret" (a password cannot end with a CR: nobody could type it).
 */
import { t } from "../i18n/catalogue.ts";
import { en } from "../i18n/messages_en.ts";
import { inEveryLanguage, messagePattern } from "../i18n/any_language.ts";

// A server sends these lines in its own language (t().gate); a client
// recognises them in every language, since the server may speak another.

/** The server's first line to a client when a password is required (the English one). */
export const PASSWORD_REQUEST = en.gate.passwordRequest;

/** The server's answer to the right password; the session starts after it (the English one). */
export const PASSWORD_ACCEPTED = en.gate.passwordAccepted;

/** The server's answer to a wrong or missing password, just before it closes (the English one). */
export const PASSWORD_REJECTED = en.gate.passwordRejected;

const REQUESTS = inEveryLanguage((m) => m.gate.passwordRequest);
const ACCEPTANCES = inEveryLanguage((m) => m.gate.passwordAccepted);
const REJECTIONS = inEveryLanguage((m) => m.gate.passwordRejected);

/** Whether `line` is a tp1 server asking for the password, in any language. */
export function isPasswordRequest(line: string): boolean {
  return REQUESTS.includes(line);
}

/** Whether `line` is a tp1 server accepting the password, in any language. */
export function isPasswordAccepted(line: string): boolean {
  return ACCEPTANCES.includes(line);
}

/** Whether `line` is a tp1 server refusing the password, in any language. */
export function isPasswordRejected(line: string): boolean {
  return REJECTIONS.includes(line);
}

/** Longest answer read from a client, so a flood cannot grow memory. */
export const MAX_PASSWORD_BYTES = 1024;

const THROTTLED = inEveryLanguage((m) => messagePattern(m.gate.throttled, ["(\\S+)", "(\\d+)"]));
const BUSY = inEveryLanguage((m) => messagePattern(m.gate.busy, ["(\\S+)"]));

/** Sent instead of the request to a source over its attempt budget (in the server's language). */
export function throttledLine(address: string, retryInMs: number): string {
  return t().gate.throttled(address, Math.max(1, Math.ceil(retryInMs / 1000)));
}

/** Sent instead of the request to a source with too many password prompts open. */
export function busyLine(address: string): string {
  return t().gate.busy(address);
}

/** What a line sent instead of the request means to the client, when it is one of the above. */
export function readRefusal(
  line: string,
): { kind: "throttled"; retryInS: number } | { kind: "busy" } | undefined {
  for (const pattern of THROTTLED) {
    const throttled = pattern.exec(line);
    if (throttled) return { kind: "throttled", retryInS: Number(throttled[2]) };
  }
  return BUSY.some((pattern) => pattern.test(line)) ? { kind: "busy" } : undefined;
}
