/**
 * Validation of a TCP port typed by the user, shared by every subcommand that takes one.
 */
import { t } from "../i18n/catalogue.ts";
import { UsageError } from "../errors.ts";

/** Parses decimal `text` as a TCP port from 1 to 65535; throws `UsageError` otherwise. */
export function parsePortNumber(text: string): number {
  // Digits only: Number() would also accept "0x1f", "1e3", " 80" and "", which
  // a user almost certainly did not mean as a port.
  const port = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(t().usage.portRange(text));
  }
  return port;
}
