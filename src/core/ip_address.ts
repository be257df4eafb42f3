/**
 * IP addresses as 128-bit numbers, so IPv4 and IPv6 rules compare the same way:
 * an IPv4 address is held as its IPv4-mapped IPv6 form (::ffff:a.b.c.d).
 * Octets with a leading zero (`010`) are refused: some tools read them as
 * octal (8), others as decimal (10), so the reader's meaning cannot be known.
 */
import { t } from "../i18n/catalogue.ts";

/** An address parsed to 128 bits, remembering whether it was written as plain IPv4 (a.b.c.d). */
export interface IpAddress {
  readonly bits: bigint;
  /** True for `a.b.c.d`; false for every IPv6 form, the mapped `::ffff:a.b.c.d` included. */
  readonly v4: boolean;
}

const MAPPED_PREFIX = 0xffffn << 32n;

/** Parses an IPv4 or IPv6 literal (brackets, zone ids and mapped forms accepted); undefined if not one. */
export function parseIpAddress(text: string): IpAddress | undefined {
  const bare = text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return { bits: MAPPED_PREFIX | v4, v4: true };
  const v6 = parseIpv6(bare);
  if (v6 === undefined) return undefined;
  return { bits: v6, v4: false };
}

/** The first dotted-decimal octet of `text` written with a leading zero (`010`), if any. */
export function leadingZeroOctet(text: string): string | undefined {
  const dotted = /(?:^|:)(\d+(?:\.\d+){3})$/.exec(
    text.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, ""),
  )?.[1];
  return dotted?.split(".").find((part) => /^0\d/.test(part));
}

/**
 * An IP literal as the 4 (IPv4) or 16 (IPv6) bytes a certificate's iPAddress
 * holds; brackets allowed, zone ids not (a certificate cannot name one).
 */
export function ipLiteralBytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bare = text.replace(/^\[(.*)\]$/, "$1");
  if (bare.includes("%")) return undefined;
  const parsed = parseIpAddress(bare);
  if (parsed === undefined) return undefined;
  const length = parsed.v4 ? 4 : 16;
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    bytes[length - 1 - i] = Number((parsed.bits >> BigInt(8 * i)) & 0xffn);
  }
  return bytes;
}

/**
 * The sentence refusing `written` when `address` (its address part) has an octet
 * with a leading zero, with the decimal form to write instead; undefined when it
 * has none. Every option that takes an address refuses it with this sentence.
 */
export function leadingZeroProblem(address: string, written = address): string | undefined {
  const zeroed = leadingZeroOctet(address);
  if (zeroed === undefined) return undefined;
  const octal = /^[0-7]+$/.test(zeroed) ? ` (${parseInt(zeroed, 8)})` : "";
  const decimal = written.replace(/\b0+(\d)/g, "$1");
  return t().usage.leadingZero(written, zeroed, octal, Number(zeroed), decimal);
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  if (!text.includes(":")) return undefined;
  let groups = text;
  let tail: bigint[] = [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) stands for the last two groups.
  const lastColon = groups.lastIndexOf(":");
  const maybeV4 = parseIpv4(groups.slice(lastColon + 1));
  if (maybeV4 !== undefined) {
    tail = [maybeV4 >> 16n, maybeV4 & 0xffffn];
    groups = groups.slice(0, lastColon + 1) + "0";
  }
  const halves = groups.split("::");
  if (halves.length > 2) return undefined;
  const parse = (half: string) => half === "" ? [] : half.split(":");
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (tail.length > 0) (rest.length > 0 ? rest : head).pop();
  const written = head.length + rest.length + tail.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const all = [...head, ...Array(8 - written).fill("0"), ...rest];
  let value = 0n;
  for (const group of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  for (const group of tail) value = (value << 16n) | group;
  return value;
}
