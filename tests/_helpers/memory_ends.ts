/**
 * In-memory byte ends for piped-mode tests: a source the test feeds chunk by
 * chunk, a sink that records, and a half-closable connection made of both.
 */
import type { ByteSink, ByteSource, HalfClosable } from "../../src/io/byte_ends.ts";
import { concat } from "../../src/io/concat.ts";

/** A byte source whose chunks (and end) the test supplies, possibly later. */
export class ScriptedSource implements ByteSource {
  readonly #queue: (Uint8Array | null | Error)[] = [];
  #waiting: (() => void) | undefined;
  /** How many `read()` calls were made. */
  reads = 0;

  /** Makes `chunk` available to the next read. */
  push(chunk: Uint8Array): void {
    this.#queue.push(chunk);
    this.#waiting?.();
  }

  /** The next read after the queued chunks reports end of input. */
  end(): void {
    this.#queue.push(null);
    this.#waiting?.();
  }

  /** The next read after the queued chunks throws `error`. */
  fail(error: Error): void {
    this.#queue.push(error);
    this.#waiting?.();
  }

  /** Whether a read would return at once: something (or the end) is queued. */
  waiting(): boolean {
    return this.#queue.length > 0;
  }

  async read(buffer: Uint8Array): Promise<number | null> {
    this.reads++;
    while (this.#queue.length === 0) {
      await new Promise<void>((resolve) => this.#waiting = resolve);
      this.#waiting = undefined;
    }
    const next = this.#queue[0];
    if (next === null) return null;
    if (next instanceof Error) {
      this.#queue.shift();
      throw next;
    }
    const n = Math.min(buffer.length, next.length);
    buffer.set(next.subarray(0, n));
    if (n === next.length) this.#queue.shift();
    else this.#queue[0] = next.subarray(n);
    return n;
  }
}

/** A sink that keeps copies of what it was given, optionally a few bytes per write. */
export class RecordingSink implements ByteSink {
  readonly chunks: Uint8Array[] = [];
  #failWith: Error | undefined;

  /** @param maxPerWrite accept at most this many bytes per write (partial writes) */
  constructor(readonly maxPerWrite = Infinity) {}

  /** Every byte written, in order. */
  get bytes(): Uint8Array<ArrayBuffer> {
    return concat(this.chunks);
  }

  /** Makes every later write throw `error`. */
  failWith(error: Error): void {
    this.#failWith = error;
  }

  write(bytes: Uint8Array): Promise<number> {
    if (this.#failWith) return Promise.reject(this.#failWith);
    const n = Math.min(bytes.length, this.maxPerWrite);
    // A copy: the writer may reuse its buffer once write() resolves.
    this.chunks.push(bytes.slice(0, n));
    return Promise.resolve(n);
  }
}

/** A connection: reads come from `incoming`, writes go to `outgoing`, closeWrite is recorded. */
export class FakeConnection implements HalfClosable {
  readonly incoming = new ScriptedSource();
  readonly outgoing: RecordingSink;
  /** Whether the sending half was shut down. */
  writeClosed = false;

  constructor(maxPerWrite = Infinity) {
    this.outgoing = new RecordingSink(maxPerWrite);
  }

  read(buffer: Uint8Array): Promise<number | null> {
    return this.incoming.read(buffer);
  }

  write(bytes: Uint8Array): Promise<number> {
    if (this.writeClosed) {
      return Promise.reject(new Deno.errors.BrokenPipe("write after closeWrite"));
    }
    return this.outgoing.write(bytes);
  }

  closeWrite(): Promise<void> {
    this.writeClosed = true;
    return Promise.resolve();
  }

  /** Whether the whole connection was closed. */
  closed = false;

  /** Closes both halves: a pending read fails as it would on a closed socket. */
  close(): void {
    this.closed = true;
    this.writeClosed = true;
    this.incoming.fail(new Deno.errors.BadResource("closed"));
  }
}
