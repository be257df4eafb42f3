/**
 * One `--allow`/`--deny` rule: an address or a CIDR block, IPv4 or IPv6. An
 * IPv4 prefix counts within 32 bits; one written in IPv6 form, the mapped
 * `::ffff:0:0/96` and `::ffff:127.0.0.0/104` included, within 128.
 */
import { UsageError } from "../errors.ts";
import { type IpAddress, leadingZeroProblem, parseIpAddress } from "../core/ip_address.ts";

/** A block of addresses: those sharing the first `prefix` of the 128 bits of `base`. */
export interface AddressRule {
  readonly text: string;
  readonly base: bigint;
  readonly prefix: number;
}

/** Parses `192.168.100.0/24`, `10.0.0.7`, `fd00::/8` or `::1`; throws a UsageError otherwise. */
export function parseAddressRule(text: string): AddressRule {
  const [addressText, prefixText, ...extra] = text.trim().split("/");
  const ambiguous = leadingZeroProblem(addressText, text.trim());
  if (ambiguous !== undefined) throw new UsageError(ambiguous);
  const address = parseIpAddress(addressText);
  const width = address?.v4 ? 32 : 128;
  const prefix = prefixText === undefined
    ? width
    : /^\d{1,3}$/.test(prefixText)
    ? Number(prefixText)
    : NaN;
  if (!address || extra.length > 0 || !(prefix >= 0 && prefix <= width)) {
    throw new UsageError(
      `"${text}" is not an address or CIDR block (examples: 192.168.100.0/24, 10.0.0.7, fd00::/8)`,
    );
  }
  // IPv4 prefixes count within the mapped block's last 32 bits.
  const bitsPrefix = address.v4 ? 96 + prefix : prefix;
  return { text: text.trim(), base: address.bits & mask(bitsPrefix), prefix: bitsPrefix };
}

/** Whether `address` is inside `rule`'s block. */
export function ruleMatches(rule: AddressRule, address: IpAddress): boolean {
  return (address.bits & mask(rule.prefix)) === rule.base;
}

function mask(prefix: number): bigint {
  const all = (1n << 128n) - 1n;
  return prefix === 0 ? 0n : (all << BigInt(128 - prefix)) & all;
}
