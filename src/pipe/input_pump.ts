/**
 * Feeds standard input to one connection after another (`serve -k`) without
 * ever reading it twice or dropping a chunk: a chunk read while no connection
 * wants it waits for the next one. At end of input the connection is half-closed.
 */
import { type ByteSource, type HalfClosable, writeAll } from "./byte_ends.ts";

/** The size of each read from standard input. */
export const PIPE_BUFFER_SIZE = 256 * 1024;

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
   * Sends the input to `conn` until it ends (then half-closes `conn`) or until
   * `detach` is aborted. Write errors (the peer went away) are thrown.
   */
  async sendTo(conn: HalfClosable, detach?: AbortSignal): Promise<PumpEnd> {
    const detached = detach ? abortPromise(detach) : undefined;
    for (;;) {
      if (this.#pending === undefined && !this.#ended) {
        const read = this.#readNext();
        if (detached) {
          if (await Promise.race([read.then(() => false), detached]) === true) return "detached";
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

function abortPromise(signal: AbortSignal): Promise<true> {
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) =>
    signal.addEventListener("abort", () => resolve(true), { once: true })
  );
}
