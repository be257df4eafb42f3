/**
 * Decodes the hex IP addresses of /proc/net/tcp and /proc/net/tcp6 into the text
 * people read: dotted IPv4, compressed IPv6, and IPv4-mapped IPv6 shown as IPv4.
 *
 * The kernel prints the address as 32-bit words in host byte order, so on the
 * little-endian CPUs tp1 ships for (x86_64, aarch64) each word's bytes are reversed:
 * 127.0.0.1 appears as `0100007F`.
 */

/** Decodes an 8-digit (IPv4) or 32-digit (IPv6) /proc hex address; throws `TypeError` if malformed. */
export function decodeProcAddress(hex: string): string {
  if (!/^[0-9A-Fa-f]{8}(?:[0-9A-Fa-f]{24})?$/.test(hex)) {
    throw new TypeError(
      `a /proc address must be 8 or 32 hex digits, got ${JSON.stringify(hex)}`,
    );
  }
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    for (let at = word + 6; at >= word; at -= 2) {
      bytes.push(parseInt(hex.slice(at, at + 2), 16));
    }
  }
  if (bytes.length === 4) return bytes.join(".");
  // A dual-stack listener on [::] sees IPv4 peers as ::ffff:a.b.c.d; users typed a.b.c.d.
  const isMapped = bytes.slice(0, 10).every((b) => b === 0) &&
    bytes[10] === 0xff && bytes[11] === 0xff;
  if (isMapped) return bytes.slice(12).join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes[i] * 256 + bytes[i + 1]);
  return compressIpv6(groups);
}

// RFC 5952: lowercase, no leading zeros, the longest run (first on a tie) of two or
// more zero groups becomes "::".
function compressIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < groups.length;) {
    let end = start;
    while (end < groups.length && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const text = groups.map((g) => g.toString(16));
  if (bestStart < 0) return text.join(":");
  const head = text.slice(0, bestStart).join(":");
  const tail = text.slice(bestStart + bestLength).join(":");
  return `${head}::${tail}`;
}
