/**
 * Bytes written to a sink in order, in the background: each push is copied
 * and queued, so the caller goes on (and reuses its buffer) while a write
 * waits for a slow reader. A UDP receiver needs this: while it waits on its
 * output it does not read its socket, and the kernel drops what does not fit
 * there (there is no flow control to slow the sender). Only past `limit` bytes
 * waiting does a push wait too.
 */
import { type ByteSink, writeAll } from "./byte_ends.ts";

/** A sink written behind its caller's back, in order. */
export class WriteBehind {
  readonly #sink: ByteSink;
  readonly #limit: number;
  readonly #queue: Uint8Array[] = [];
  #queued = 0;
  #writing: Promise<void> | undefined;
  #failed = false;
  /** Pushes waiting for the queue to shrink below the limit. */
  #waiters: (() => void)[] = [];
  /** Resolves when the caller gives up on the sink (see `abandon()`). */
  readonly #abandoned = Promise.withResolvers<void>();

  /** @param limit how many bytes may wait before a push waits as well */
  constructor(sink: ByteSink, limit: number) {
    this.#sink = sink;
    this.#limit = limit;
  }

  /**
   * Queues a copy of `bytes` (written after everything pushed before); waits
   * only while more than the limit is waiting. False once a write has failed
   * (nobody reads any more): what was queued then is dropped.
   */
  async push(bytes: Uint8Array): Promise<boolean> {
    if (this.#failed) return false;
    if (bytes.length === 0) return true;
    this.#queue.push(bytes.slice());
    this.#queued += bytes.length;
    this.#writing ??= this.#writeQueued();
    while (this.#queued > this.#limit && !this.#failed) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
    return !this.#failed;
  }

  /** Resolves once everything pushed is written: false when a write failed. */
  async flush(): Promise<boolean> {
    while (this.#writing && !this.#failed) {
      await Promise.race([this.#writing, this.#abandoned.promise]);
    }
    return !this.#failed;
  }

  /** How many bytes are queued and not yet written. */
  get waiting(): number {
    return this.#queued;
  }

  /**
   * Gives up on a sink that takes nothing (stdout never read): what is queued
   * is dropped, and pushes and `flush()` return false at once, even while a
   * write is stuck. How many bytes were dropped (some of the one being written
   * may have gone).
   */
  abandon(): number {
    const dropped = this.#queued;
    this.#fail();
    this.#abandoned.resolve();
    return dropped;
  }

  async #writeQueued(): Promise<void> {
    try {
      for (let chunk = this.#queue.shift(); chunk; chunk = this.#queue.shift()) {
        await writeAll(this.#sink, chunk);
        if (this.#failed) return;
        this.#queued -= chunk.length;
        this.#wake();
      }
    } catch {
      this.#fail();
    } finally {
      this.#writing = undefined;
    }
  }

  #fail(): void {
    this.#failed = true;
    this.#queue.length = 0;
    this.#queued = 0;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    waiters.forEach((wake) => wake());
  }
}
