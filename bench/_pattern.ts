/**
 * The byte stream the pipe benchmarks send: a 1 MiB pseudo-random block repeated,
 * and a checker that confirms, chunk by chunk, that what came out is exactly that.
 */

/** One mebibyte. */
export const MIB = 1024 * 1024;

/**
 * A 1 MiB block of pseudo-random bytes (xorshift32, fixed seed). The stream is
 * this block repeated: incompressible enough that no side gets an easy ride, and
 * cheap to check on arrival.
 */
export function patternBlock(): Uint8Array<ArrayBuffer> {
  const block = new Uint8Array(MIB);
  const words = new Uint32Array(block.buffer);
  let state = 0x9e3779b9;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
  }
  return block;
}

/** Checks a received stream against the repeated pattern block, chunk by chunk. */
export class PatternChecker {
  readonly #blockSize: number;
  // The block twice over (so any window of up to one block is contiguous), in four
  // copies shifted by 0..3 bytes, so that a window can always be picked with the
  // same alignment as the chunk it is compared with, and compared a word at a time.
  readonly #copies: Uint8Array[] = [];
  #position = 0;
  #mismatchAt: number | undefined;

  constructor(block: Uint8Array) {
    this.#blockSize = block.length;
    for (let shift = 0; shift < 4; shift++) {
      const copy = new Uint8Array(shift + 2 * block.length);
      copy.set(block, shift);
      copy.set(block, shift + block.length);
      this.#copies.push(copy);
    }
  }

  /** Bytes checked so far. */
  get position(): number {
    return this.#position;
  }

  /** The stream offset of the first wrong byte, if any. */
  get mismatchAt(): number | undefined {
    return this.#mismatchAt;
  }

  /** Checks the next chunk of the stream. */
  check(chunk: Uint8Array): void {
    for (let done = 0; done < chunk.length && this.#mismatchAt === undefined;) {
      const start = (this.#position + done) % this.#blockSize;
      const length = Math.min(this.#blockSize, chunk.length - done);
      const actual = chunk.subarray(done, done + length);
      const shift = (actual.byteOffset - start + 4 * this.#blockSize) % 4;
      const expected = this.#copies[shift].subarray(shift + start, shift + start + length);
      const at = firstDifference(actual, expected);
      if (at >= 0) this.#mismatchAt = this.#position + done + at;
      done += length;
    }
    this.#position += chunk.length;
  }
}

/** The first index where `a` and `b` (same length, same alignment mod 4) differ, or -1. */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const head = Math.min(a.length, (4 - (a.byteOffset % 4)) % 4);
  for (let i = 0; i < head; i++) if (a[i] !== b[i]) return i;
  const words = (a.length - head) >> 2;
  if (words === 0) {
    for (let i = head; i < a.length; i++) if (a[i] !== b[i]) return i;
    return -1;
  }
  const wa = new Int32Array(a.buffer, a.byteOffset + head, words);
  const wb = new Int32Array(b.buffer, b.byteOffset + head, words);
  for (let i = 0; i < words; i++) {
    if (wa[i] !== wb[i]) {
      for (let j = head + 4 * i;; j++) if (a[j] !== b[j]) return j;
    }
  }
  for (let i = head + 4 * words; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
