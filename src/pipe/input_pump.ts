/**
 * Feeds standard input to one connection after another (`serve -k`) without
 * ever reading it twice or dropping a chunk: a chunk read while no connection
 * wants it waits for the next one. At end of input the connection is half-closed.
 * A connection can be let go at once (detach), or once it has been sent what
 * is already waiting in the input (finish: what `nc -l` does when its client
 * has finished, without dropping what it had read already).
 */
import { type ByteSource, type HalfClosable, writeAll } from "./byte_ends.ts";
import { PIPE_CAPACITY } from "./pipe_capacity.ts";

/** The most each read in piped mode takes: a whole grown pipe (see pipe_capacity.ts). */
export const PIPE_BUFFER_SIZE = PIPE_CAPACITY;

/** How a connection's share of the input ended. */
export type PumpEnd = "input-ended" | "detached";

/** Forwards one byte source to connections in turn. */
export class InputPump {
  readonly #source: ByteSource;
  readonly #buffer: Uint8Array;
  #pending: Uint8Array | undefined;
  #reading: Promise<void> | undefined;
  #ended = false;
  /** Bytes delivered so far, over all connections. */
  sent = 0;

  constructor(source: ByteSource, bufferSize = PIPE_BUFFER_SIZE) {
    this.#source = source;
    this.#buffer = new Uint8Array(bufferSize);
  }

  /** Whether the source has reached its end. */
  get ended(): boolean {
    return this.#ended && this.#pending === undefined;
  }

  /**
   * Sends the input to `conn` until it ends (then half-closes `conn`), until
   * `detach` is aborted, or, once `finish` is aborted, until nothing more is
   * waiting in the input. Write errors (the peer went away) are thrown.
   */
  async sendTo(
    conn: HalfClosable,
    detach?: AbortSignal,
    finish?: AbortSignal,
  ): Promise<PumpEnd> {
    const stopNow = () => detach?.aborted || (finish?.aborted && !this.#source.waiting?.());
    // One abort listener for the whole hand-off, not one per chunk: a gigabyte is
    // thousands of chunks, and per-chunk reactions on a long-lived promise pile up.
    let interrupt: (() => void) | undefined;
    const onAbort = () => {
      if (stopNow()) interrupt?.();
    };
    detach?.addEventListener("abort", onAbort, { once: true });
    finish?.addEventListener("abort", onAbort, { once: true });
    try {
      for (;;) {
        if (this.#pending === undefined && !this.#ended) {
          if (stopNow()) return "detached";
          const read = this.#readNext();
          if (detach || finish) {
            const arrived = await new Promise<boolean>((resolve, reject) => {
              interrupt = () => resolve(false);
              read.then(() => resolve(true), reject);
            });
            interrupt = undefined;
            if (!arrived) return "detached";
          } else {
            await read;
          }
        }
        const chunk = this.#pending;
        if (chunk === undefined) {
          await conn.closeWrite();
          return "input-ended";
        }
        await writeAll(conn, chunk);
        this.sent += chunk.length;
        this.#pending = undefined;
      }
    } finally {
      detach?.removeEventListener("abort", onAbort);
      finish?.removeEventListener("abort", onAbort);
    }
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
