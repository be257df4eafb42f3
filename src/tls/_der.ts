/**
 * Minimal DER (ASN.1 Distinguished Encoding Rules) writer: just the types an
 * X.509 v3 certificate needs. Private to `src/tls/`; not a general ASN.1 library.
 */

import { concat } from "../io/concat.ts";

export { concat };

/** One tag-length-value element; `tag` is the full identifier octet. */
export function tlv(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const n = content.length;
  let len: number[];
  if (n < 0x80) {
    len = [n];
  } else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = [0x80 | bytes.length, ...bytes];
  }
  return concat([Uint8Array.of(tag, ...len), content]);
}

/** SEQUENCE of already-encoded elements. */
export function sequence(...items: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return tlv(0x30, concat(items));
}

/** SET of already-encoded elements (callers pass one element, so no sorting is needed). */
export function set(...items: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return tlv(0x31, concat(items));
}

/** Context-specific constructed tag `[n]` wrapping encoded elements (EXPLICIT tagging). */
export function explicit(n: number, ...items: Uint8Array[]): Uint8Array<ArrayBuffer> {
  return tlv(0xa0 | n, concat(items));
}

/** Context-specific primitive tag `[n]` over raw bytes (IMPLICIT tagging). */
export function implicit(n: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(0x80 | n, content);
}

/** BOOLEAN. */
export function boolean(value: boolean): Uint8Array<ArrayBuffer> {
  return Uint8Array.of(0x01, 0x01, value ? 0xff : 0x00);
}

/** INTEGER from a small non-negative number. */
export function smallInteger(value: number): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  for (let v = value; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return unsignedInteger(Uint8Array.from(bytes));
}

/** INTEGER from big-endian unsigned magnitude bytes (minimal, non-negative form). */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const body = magnitude.subarray(start);
  const pad = body.length === 0 || (body[0] & 0x80) !== 0;
  return tlv(0x02, pad ? concat([Uint8Array.of(0), body]) : Uint8Array.from(body));
}

/** OBJECT IDENTIFIER from dotted form, e.g. `"2.5.29.17"`. */
export function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const arcs = dotted.split(".").map(Number);
  const out: number[] = [arcs[0] * 40 + arcs[1]];
  for (const arc of arcs.slice(2)) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) {
      chunk.unshift((v & 0x7f) | 0x80);
    }
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/** OCTET STRING. */
export function octetString(content: Uint8Array): Uint8Array<ArrayBuffer> {
  return tlv(0x04, content);
}

/** BIT STRING with the given count of unused trailing bits in the last octet. */
export function bitString(content: Uint8Array, unusedBits = 0): Uint8Array<ArrayBuffer> {
  return tlv(0x03, concat([Uint8Array.of(unusedBits), content]));
}

/** UTF8String. */
export function utf8String(text: string): Uint8Array<ArrayBuffer> {
  return tlv(0x0c, new TextEncoder().encode(text));
}

/** X.509 Time: UTCTime through 2049, GeneralizedTime from 2050 on (RFC 5280 §4.1.2.5). */
export function time(date: Date): Uint8Array<ArrayBuffer> {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ, always UTC
  const digits = iso.slice(0, 19).replace(/[-T:]/g, "") + "Z";
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) {
    throw new RangeError(`Certificate date must be in years 1950–9999, got ${iso}`);
  }
  const ascii = new TextEncoder().encode(year < 2050 ? digits.slice(2) : digits);
  return tlv(year < 2050 ? 0x17 : 0x18, ascii);
}
