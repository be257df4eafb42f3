/**
 * Reads exactly one line from a connection, byte by byte, before the session
 * starts: nothing after the newline is consumed, so the session (or the byte-
 * exact pipe) that follows sees every later byte.
 */
import type { ByteSource } from "./byte_ends.ts";

/** Reads up to LF (a CR before it is dropped); null at end of stream or past `maxBytes`. */
export async function readOneLine(source: ByteSource, maxBytes: number): Promise<string | null> {
  const bytes = new Uint8Array(maxBytes);
  const one = new Uint8Array(1);
  let length = 0;
  for (;;) {
    const n = await source.read(one);
    if (n === null) return null;
    if (n === 0) continue;
    if (one[0] === 0x0a) break;
    if (length === maxBytes) return null;
    bytes[length++] = one[0];
  }
  if (length > 0 && bytes[length - 1] === 0x0d) length -= 1;
  return new TextDecoder().decode(bytes.subarray(0, length));
}
