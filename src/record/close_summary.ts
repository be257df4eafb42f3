/**
 * The one line that says how a connection ended: bytes each way, how long it
 * lasted, and which side closed first (sent the first FIN, and so will sit in
 * TIME_WAIT). Pure; shared by `-v` and `--record`.
 */
import type { FirstCloser } from "./transcript_event.ts";
import { type Messages, t } from "../i18n/catalogue.ts";
import { decimal } from "../i18n/decimal_mark.ts";

/** The facts one closing line is made of. */
export interface CloseFacts {
  readonly role: "client" | "server";
  readonly first: FirstCloser;
  readonly reset: boolean;
  readonly sent: number;
  readonly received: number;
  readonly durationMs: number;
}

/** E.g. `sent 12 bytes, received 30 bytes in 5.2 s; the client (you) closed first (FIN sent)`. */
export function describeClose(facts: CloseFacts, m: Messages = t()): string {
  const other = facts.role === "client" ? "server" : "client";
  const who = facts.reset
    ? m.common.closeReset(facts.first === "peer")
    : facts.first === "local"
    ? m.common.closeYouFirst(facts.role)
    : facts.first === "peer"
    ? m.common.closePeerFirst(other)
    : m.common.closeBoth;
  return m.common.closeSummary(facts.sent, facts.received, seconds(facts.durationMs, m), who);
}

/** `1.234 s`, `0.052 s` (`1,234 s` in French): milliseconds are what a lab report compares. */
export function seconds(ms: number, m: Messages = t()): string {
  return `${decimal((ms / 1000).toFixed(3), m)} s`;
}
