/**
 * Adapter: the reads of a descriptor that would return at once, taken on this
 * thread without a promise each. A datagram sender fed one message per read
 * (a socket on stdin) goes on synchronously this way, many reads per call
 * (recvmmsg), instead of handing every read to a helper thread, which is most
 * of the cost; a pipe or a file is read once per call. Each read lands in a
 * slot of a {@linkcode MessageBatch}, ready to be sent as it is.
 */
import { EINTR, ENOTSOCK, type Libc, MSG_DONTWAIT, POLLHUP, POLLIN } from "./libc.ts";
import type { MessageBatch } from "./message_batch.ts";

/** Reads of `fd` into `batch`'s slots, one read per slot. */
export class ReadyReads {
  readonly #c: Libc;
  readonly #fd: number;
  readonly #batch: MessageBatch;
  /** A pipe or a file: read() after a poll(), one read per call. */
  #notSocket = false;
  #ended = false;
  readonly #pollEntry = new Uint8Array(new ArrayBuffer(8));
  readonly #poll = new DataView(this.#pollEntry.buffer);

  constructor(c: Libc, fd: number, batch: MessageBatch) {
    this.#c = c;
    this.#fd = fd;
    this.#batch = batch;
    this.#poll.setInt32(0, fd, true);
  }

  /**
   * The reads that return at once, or within `waitMs` (blocking this thread that
   * long at most): how many slots were filled from slot 0 (lengths in
   * `batch.length(i)`), null at the end of input, undefined when nothing is
   * there yet or the read failed (the caller reads its own way, and learns why).
   */
  take(waitMs = 0): number | null | undefined {
    if (this.#ended) return null;
    if (!this.#notSocket) {
      const n = this.#receive();
      if (n !== undefined || this.#notSocket || waitMs === 0) return n;
    }
    if (!this.#ready(waitMs)) return undefined;
    if (!this.#notSocket) return this.#receive();
    const batch = this.#batch;
    const n = Number(
      this.#c.read(this.#fd, batch.bytes, BigInt(Math.min(batch.slotBytes, batch.bytes.length))),
    );
    if (n < 0) return undefined;
    if (n === 0) return this.#end(0);
    batch.setLength(0, n);
    return 1;
  }

  /** recvmmsg: a zero-length read is the end (the reads before it are returned first). */
  #receive(): number | null | undefined {
    for (;;) {
      const n = this.#batch.receive(this.#c, this.#fd, MSG_DONTWAIT);
      if (n === -EINTR) continue;
      if (n === -ENOTSOCK) this.#notSocket = true;
      if (n < 0) return undefined;
      for (let i = 0; i < n; i++) if (this.#batch.length(i) === 0) return this.#end(i);
      return n;
    }
  }

  #end(reads: number): number | null {
    this.#ended = true;
    return reads === 0 ? null : reads;
  }

  /** Whether a read would return at once (data, or the end), after waiting `waitMs` at most. */
  #ready(waitMs: number): boolean {
    this.#poll.setInt16(4, POLLIN, true);
    this.#poll.setInt16(6, 0, true);
    if (this.#c.poll(this.#pollEntry, 1n, waitMs) <= 0) return false;
    return (this.#poll.getInt16(6, true) & (POLLIN | POLLHUP)) !== 0;
  }
}
