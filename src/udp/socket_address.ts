/**
 * The C `sockaddr_in` / `sockaddr_in6` structures that Linux's socket calls take
 * and fill in, built from and read back to the text people type. Pure.
 */
import { parseIpAddress } from "../core/ip_address.ts";
import { decodeProcAddress } from "../proc/proc_address.ts";

/** Linux's address family for IPv4. */
export const AF_INET = 2;
/** Linux's address family for IPv6. */
export const AF_INET6 = 10;
/** Room enough for either structure (sockaddr_in6 is 28 bytes). */
export const SOCKADDR_SIZE = 28;

/** An address and port, as the kernel saw or will use them. */
export interface SocketEndpoint {
  readonly address: string;
  readonly port: number;
}

/**
 * Encodes `address` (an IPv4 or IPv6 literal) and `port` for a socket of
 * `family`; an IPv4 address for an IPv6 socket becomes its mapped form
 * (::ffff:a.b.c.d), as a dual-stack socket needs. Throws `TypeError` for a non-literal.
 */
export function encodeSockaddr(address: string, port: number, family: number): Uint8Array {
  const ip = parseIpAddress(address);
  if (!ip) throw new TypeError(`not an IP address: ${JSON.stringify(address)}`);
  const out = new Uint8Array(family === AF_INET ? 16 : 28);
  const view = new DataView(out.buffer);
  view.setUint16(0, family, true);
  view.setUint16(2, port, false);
  if (family === AF_INET) {
    if (!ip.v4) throw new TypeError(`an IPv4 socket cannot reach ${address}`);
    view.setUint32(4, Number(ip.bits & 0xffffffffn), false);
  } else {
    for (let i = 0; i < 16; i++) out[8 + i] = Number((ip.bits >> BigInt(8 * (15 - i))) & 0xffn);
    const zone = /%(\d+)$/.exec(address);
    if (zone) view.setUint32(24, Number(zone[1]), true);
  }
  return out;
}

/** Reads a sockaddr the kernel filled in; an IPv4-mapped IPv6 address reads as IPv4. */
export function decodeSockaddr(bytes: Uint8Array): SocketEndpoint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const family = view.getUint16(0, true);
  const port = view.getUint16(2, false);
  const raw = family === AF_INET ? bytes.subarray(4, 8) : bytes.subarray(8, 24);
  // /proc prints addresses as host-order (little-endian) words; its decoder does the rest.
  let hex = "";
  for (let word = 0; word < raw.length; word += 4) {
    for (let i = 3; i >= 0; i--) hex += raw[word + i].toString(16).padStart(2, "0");
  }
  return { address: decodeProcAddress(hex), port };
}
