/**
 * Who may connect: `--allow` and `--deny` rules (deny wins). With no allow rule
 * everyone not denied is let in; with allow rules only matching addresses are.
 */
import { type AddressRule, ruleMatches } from "./address_rule.ts";
import { parseIpAddress } from "../core/ip_address.ts";
import { t } from "../i18n/catalogue.ts";

/** The verdict on one client address, with the rule that decided it. */
export type AccessVerdict =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly because: string };

/** The server's allow and deny lists. */
export interface AccessPolicy {
  readonly allow: readonly AddressRule[];
  readonly deny: readonly AddressRule[];
}

/** Decides whether a client at `address` may connect. Pure. */
export function judgeAddress(policy: AccessPolicy, address: string): AccessVerdict {
  const parsed = parseIpAddress(address);
  if (!parsed) return { allowed: false, because: t().gate.notAnAddress(address) };
  const denied = policy.deny.find((rule) => ruleMatches(rule, parsed));
  if (denied) return { allowed: false, because: t().gate.deniedBy(denied.text) };
  if (policy.allow.length === 0) return { allowed: true };
  return policy.allow.some((rule) => ruleMatches(rule, parsed))
    ? { allowed: true }
    : { allowed: false, because: t().gate.inNoAllowBlock };
}

/** Reads an allow file: one address or CIDR block per line; `#` starts a comment. */
export function allowFileEntries(text: string): string[] {
  return text.split("\n").map((line) => line.replace(/#.*/, "").trim()).filter((l) => l !== "");
}
