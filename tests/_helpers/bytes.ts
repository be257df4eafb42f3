/** Byte helpers for tests: random payloads, reading to the end and SHA-256 fingerprints. */
import { concat } from "../../src/io/concat.ts";

/** `length` random bytes (getRandomValues fills at most 64 KiB per call). */
export function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let at = 0; at < length; at += 65536) {
    crypto.getRandomValues(bytes.subarray(at, Math.min(at + 65536, length)));
  }
  return bytes;
}

/** The SHA-256 of `bytes` in hex, so a mismatch in a few MiB prints as one short line. */
export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads `stream` to its end. */
export async function readAll(
  stream: ReadableStream<Uint8Array>,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return concat(chunks);
}

const encoder = new TextEncoder();

/** UTF-8 bytes of `text`. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/**
 * Reads `conn` with `read()` until end of stream, without closing it (unlike
 * `conn.readable`, which closes the socket when the stream ends). `onChunk` sees
 * each chunk as it arrives.
 */
export async function readToEnd(
  conn: { read(buffer: Uint8Array): Promise<number | null> },
  onChunk?: (chunk: Uint8Array, total: number) => void | Promise<void>,
): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const buffer = new Uint8Array(64 * 1024);
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) return concat(chunks);
    const chunk = buffer.slice(0, n);
    chunks.push(chunk);
    total += n;
    await onChunk?.(chunk, total);
  }
}
