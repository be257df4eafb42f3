/**
 * The server's check of a given password against the expected one, in constant
 * time. Apart from password_protocol.ts because it needs node:crypto, which a
 * client that only recognises the protocol's lines must not load (start-up).
 */
import { createHash, timingSafeEqual } from "node:crypto";

/** Compares a given password with the expected one in constant time. */
export function passwordMatches(expected: string, given: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(given));
}
