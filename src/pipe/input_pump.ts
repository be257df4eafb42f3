/**
 * Feeds standard input to one connection after another (`serve -k`) without
 * ever reading it twice or dropping a chunk: a chunk read while no connection
 * wants it waits for the next one. At end of input the connection is half-closed.
 * A connection can be let go at once (detach), or once the input has nothing
 * more for it (finish: what `nc -l` does when its client has finished, without
 * dropping what it had read already). "Nothing more" is: nothing waiting now,
 * and nothing arriving for a moment ({@linkcode FINISH_GRACE_MS}); a stream
 * that is still flowing (`cat big.iso | tp1 serve`) is not cut between two
 * writes of its producer.
 */
import { type ByteSource, type HalfClosable, writeAll } from "../io/byte_ends.ts";
import { PIPE_CAPACITY } from "./pipe_capacity.ts";

/** The most each read in piped mode takes: a whole grown pipe (see pipe_capacity.ts). */
export const PIPE_BUFFER_SIZE = PIPE_CAPACITY;

/** After `finish`, how long the input may be silent before the connection is let go. */
export const FINISH_GRACE_MS = 500;

/** How a connection's share of the input ended. */
export type PumpEnd = "input-ended" | "detached";

/** Forwards one byte source to connections in turn. */
export class InputPump {
  readonly #source: ByteSource;
  readonly #buffer: Uint8Array;
  readonly #finishGraceMs: number;
  #pending: Uint8Array | undefined;
  #reading: Promise<void> | undefined;
  #ended = false;
  /** Bytes delivered so far, over all connections. */
  sent = 0;

  constructor(source: ByteSource, bufferSize = PIPE_BUFFER_SIZE, finishGraceMs = FINISH_GRACE_MS) {
    this.#source = source;
    this.#buffer = new Uint8Array(bufferSize);
    this.#finishGraceMs = finishGraceMs;
  }

  /** Whether the source has reached its end. */
  get ended(): boolean {
    return this.#ended && this.#pending === undefined;
  }

  /**
   * Sends the input to `conn` until it ends (then half-closes `conn`), until
   * `detach` is aborted, or, once `finish` is aborted, until the input has
   * nothing more waiting or arriving. Write errors (the peer went away) are thrown.
   */
  async sendTo(
    conn: HalfClosable,
    detach?: AbortSignal,
    finish?: AbortSignal,
  ): Promise<PumpEnd> {
    for (;;) {
      if (this.#pending === undefined && !this.#ended) {
        if (detach?.aborted) return "detached";
        const read = this.#readNext();
        if (!await this.#arrives(read, detach, finish)) return "detached";
      }
      const chunk = this.#pending;
      if (chunk === undefined) {
        if (!this.#ended) continue; // What arrived had been sent already (alreadySent).
        await conn.closeWrite();
        return "input-ended";
      }
      await writeAll(conn, chunk);
      this.sent += chunk.length;
      this.#pending = undefined;
    }
  }

  /**
   * Input that was read and sent to the first connection before this pump took over
   * (client/head_start.ts): its length, or null when the input had ended then. The pump
   * reads on once it is in, and counts it as sent; a rejection (the write failed) is
   * thrown by {@linkcode sendTo}.
   */
  alreadySent(delivered: Promise<number | null>): void {
    this.#reading = delivered.then((n) => {
      this.#reading = undefined;
      if (n === null) this.#ended = true;
      else this.sent += n;
    });
    this.#reading.catch(() => {}); // Thrown where it is awaited, in sendTo().
  }

  /**
   * Waits for `read`: true when it completed, false when the connection is let
   * go first (detached, or finished with the input silent for the grace time).
   * The read itself goes on; its chunk is for the next connection.
   */
  #arrives(read: Promise<void>, detach?: AbortSignal, finish?: AbortSignal): Promise<boolean> {
    if (!detach && !finish) return read.then(() => true);
    return new Promise<boolean>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanUp = () => {
        // Deno sets its timers up on the first timer call (~6 ms): a piped `tp1 connect`
        // would pay that before its first byte, for a timer it never started.
        if (timer !== undefined) clearTimeout(timer);
        detach?.removeEventListener("abort", onDetach);
        finish?.removeEventListener("abort", onFinish);
      };
      const settle = (arrived: boolean) => {
        cleanUp();
        resolve(arrived);
      };
      const onDetach = () => settle(false);
      const onFinish = () => {
        if (this.#source.waiting?.()) return;
        timer = setTimeout(() => settle(false), this.#finishGraceMs);
      };
      read.then(() => settle(true), (error) => {
        cleanUp();
        reject(error);
      });
      if (detach?.aborted) return settle(false);
      detach?.addEventListener("abort", onDetach, { once: true });
      if (finish?.aborted) onFinish();
      else finish?.addEventListener("abort", onFinish, { once: true });
    });
  }
  #readNext(): Promise<void> {
    // The buffer is reused only once the chunk in it has been delivered.
    this.#reading ??= this.#source.read(this.#buffer).then((n) => {
      this.#reading = undefined;
      if (n === null) this.#ended = true;
      else this.#pending = this.#buffer.subarray(0, n);
    });
    return this.#reading;
  }
}
