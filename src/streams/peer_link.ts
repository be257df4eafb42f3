/**
 * One interactive TCP connection: incoming bytes as display lines, outgoing
 * lines through a bounded queue written in order, and a graceful close that
 * sends everything queued, half-closes, and lets the peer's last words arrive.
 * The writer runs only while bytes wait: an idle link holds no suspended loop
 * and no promise, which thousands of idle chat clients would each pay for; and
 * it is a chain of callbacks, not an async function, so a broadcast to every
 * client leaves as little garbage as possible behind each write.
 */
import { DisplayLines, FULL_CHUNK_BYTES, type LineStreamOptions } from "./line_stream.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { concat } from "../io/concat.ts";
import { sharedWriteWindow, type WindowedWriter } from "./write_window.ts";

/** The default bound on bytes waiting to be sent to one peer. */
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;

/** The most bytes copied together into one write. */
const WRITE_BATCH = 64 * 1024;

/** How long, after we stop sending, the peer's last lines may still arrive. */
export const LINGER_MS = 1000;

/** How the incoming side of a link ended. */
export type IncomingEnd = "closed" | "reset";

/** Options for a {@linkcode PeerLink}. */
export interface PeerLinkOptions extends LineStreamOptions {
  /**
   * Once this many bytes wait to be sent, `send()` returns false. A line (or a
   * batch of lines) is accepted into a shorter queue whatever its size, so one
   * burst never counts against a peer that is keeping up.
   */
  maxQueuedBytes?: number;
}

const encoder = new TextEncoder();

/** A connection carrying lines of text both ways. */
export class PeerLink implements WindowedWriter {
  readonly conn: Deno.TcpConn;
  readonly #maxQueuedBytes: number;
  readonly #lineOptions: LineStreamOptions;
  /**
   * What waits to be sent, in order: the next chunk, then any more. A broadcast
   * to an idle link fills the first slot only, so it allocates nothing per link.
   */
  #next: Uint8Array | undefined;
  #more: Uint8Array[] | undefined;
  #queuedBytes = 0;
  #sending = true;
  /** Whether the writer runs (bytes wait, or a write is under way). */
  #writing = false;
  /** Told when the writer stops (finishSending waits for it). */
  #stopWaiters: (() => void)[] | undefined;
  #writeError: unknown;
  /** When the peer last accepted bytes, or the writer last woke up with bytes to send. */
  #progressAt = Date.now();
  #drainWaiters: { below: number; resolve: () => void }[] | undefined;
  /** The window's generation of the write under way, given back when it ends. */
  #generation = 0;

  constructor(conn: Deno.TcpConn, options: PeerLinkOptions = {}) {
    this.conn = conn;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.#lineOptions = options;
    try {
      conn.setKeepAlive(true);
      // A typed line should leave at once, not wait for Nagle's algorithm (Deno leaves it on).
      conn.setNoDelay(true);
    } catch {
      // Both only make a live socket better; a socket without them still works.
    }
  }

  /** Queues `text` for sending; false when the peer is not keeping up (queue full) or gone. */
  send(text: string): boolean {
    return this.sendBytes(encoder.encode(text));
  }

  /**
   * Queues `bytes` as they are, without copying, so one encoded broadcast can be
   * shared by every client's queue; the caller must not change them afterwards.
   * False when the peer is not keeping up (queue full) or gone.
   */
  sendBytes(bytes: Uint8Array): boolean {
    if (!this.#sending || this.#writeError !== undefined) return false;
    if (this.#queuedBytes >= this.#maxQueuedBytes) return false;
    if (this.#next === undefined) this.#next = bytes;
    else (this.#more ??= []).push(bytes);
    this.#queuedBytes += bytes.length;
    if (!this.#writing) {
      // Nothing was being written: the write starts now, in this call, so a line
      // typed leaves before the screen is redrawn (not a microtask later, after it),
      // unless a broadcast keeps the window full: then as soon as a place is free.
      // What is queued while it is under way goes out together in the next write.
      this.#writing = true;
      this.#progressAt = Date.now();
      sharedWriteWindow.start(this);
    }
    return true;
  }

  /** The window's go-ahead: writes the next batch of what is queued (not for callers). */
  beginWrite(generation: number): void {
    this.#generation = generation;
    const first = this.#next;
    if (first === undefined) {
      sharedWriteWindow.ended(generation);
      this.#stopWriting();
      return;
    }
    this.#progressAt = Date.now();
    this.#write(this.#more === undefined ? this.#takeOne(first) : this.#takeBatch(first), 0);
  }

  /** Bytes waiting to be sent (including a write in progress). */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** How long the peer has accepted nothing while bytes wait for it (0 when none wait). */
  get stalledMs(): number {
    return this.#queuedBytes === 0 ? 0 : Date.now() - this.#progressAt;
  }

  /** Resolves once at most `below` bytes wait to be sent, or nothing more can be sent. */
  drained(below: number): Promise<void> {
    if (this.#queuedBytes <= below || !this.#sending || this.#writeError !== undefined) {
      return Promise.resolve();
    }
    return new Promise((resolve) => (this.#drainWaiters ??= []).push({ below, resolve }));
  }

  /** Whether a write to the peer failed (it reset or vanished): nothing more can be sent. */
  get broken(): boolean {
    return this.#writeError !== undefined;
  }

  /**
   * Calls `onLine` for each incoming line until the peer closes or resets; an
   * error `onLine` throws (for a partial line's flush too) rejects this. The
   * socket is read directly: a line is shown in the turn its bytes arrive, not
   * several promise hops later through a stream pipeline.
   */
  async receive(onLine: (line: string) => void): Promise<IncomingEnd> {
    // A partial line is shown from its flush timer; what that throws must end the read under way.
    let failReading: ((error: unknown) => void) | undefined;
    const lines = new DisplayLines(this.#lineOptions, (partial) => {
      try {
        onLine(partial);
      } catch (error) {
        failReading?.(error);
      }
    });
    const buffer = new Uint8Array(FULL_CHUNK_BYTES);
    try {
      for (;;) {
        const n = await new Promise<number | null>((resolve, reject) => {
          failReading = reject;
          this.conn.read(buffer).then(resolve, reject);
        });
        if (n === null) break;
        for (const line of lines.push(buffer.subarray(0, n))) onLine(line);
      }
      for (const line of lines.end()) onLine(line);
      return "closed";
    } catch (error) {
      if (
        error instanceof Deno.errors.ConnectionReset || error instanceof Deno.errors.BrokenPipe ||
        error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted
      ) {
        return "reset";
      }
      throw error;
    } finally {
      failReading = undefined;
      lines.stop();
    }
  }

  /** Sends what is queued, then shuts down the sending half (the peer reads end of stream). */
  async finishSending(): Promise<void> {
    this.#sending = false;
    if (this.#writing) {
      await new Promise<void>((resolve) => (this.#stopWaiters ??= []).push(resolve));
    }
    try {
      await this.conn.closeWrite();
    } catch {
      // Already closed or reset by the peer: nothing left to send anyway.
    }
  }

  /** Closes the connection at once. */
  close(): void {
    this.#sending = false;
    this.#next = this.#more = undefined;
    this.#wakeDrainWaiters(true);
    closeQuietly(this.conn);
  }

  /** The one chunk waiting, taken off the queue. */
  #takeOne(first: Uint8Array): Uint8Array {
    this.#next = undefined;
    return first;
  }

  /**
   * What is queued goes out in few writes (fewer system calls under load), each
   * copied into a batch of bounded size, so a backlog is not duplicated whole:
   * `first`, then as many more as fit in the batch.
   */
  #takeBatch(first: Uint8Array): Uint8Array {
    const more = this.#more!;
    let size = first.length;
    let taken = 0;
    while (taken < more.length && size + more[taken].length <= WRITE_BATCH) {
      size += more[taken].length;
      taken++;
    }
    const batch = taken === 0 ? first : concat([first, ...more.slice(0, taken)]);
    this.#next = more[taken];
    this.#more = taken + 1 < more.length ? more.slice(taken + 1) : undefined;
    return batch;
  }

  /** Writes `bytes` from `from` on, then lets the next batch wait its turn (or stops). */
  #write(bytes: Uint8Array, from: number): void {
    let written: Promise<number>;
    try {
      // No view for the whole buffer: a broadcast writes to every client at once.
      written = this.conn.write(from === 0 ? bytes : bytes.subarray(from));
    } catch (error) {
      written = Promise.reject(error);
    }
    written.then((n) => {
      this.#queuedBytes -= n;
      this.#progressAt = Date.now();
      if (from + n < bytes.length) {
        this.#write(bytes, from + n);
        return;
      }
      this.#wakeDrainWaiters(false);
      sharedWriteWindow.ended(this.#generation);
      // The next batch takes its place in the window again, behind the writes waiting there.
      if (this.#next !== undefined) sharedWriteWindow.start(this);
      else this.#stopWriting();
    }, (error) => {
      this.#writeError = error;
      this.#next = this.#more = undefined;
      this.#queuedBytes = 0;
      this.#wakeDrainWaiters(true);
      this.#stopWriting();
      sharedWriteWindow.ended(this.#generation);
    });
  }

  #stopWriting(): void {
    this.#writing = false;
    const waiting = this.#stopWaiters;
    this.#stopWaiters = undefined;
    if (waiting) { for (const resolve of waiting) resolve(); }
  }

  #wakeDrainWaiters(all: boolean): void {
    const waiting = this.#drainWaiters;
    if (waiting === undefined) return;
    this.#drainWaiters = undefined;
    for (const waiter of waiting) {
      if (all || this.#queuedBytes <= waiter.below) waiter.resolve();
      else (this.#drainWaiters ??= []).push(waiter);
    }
  }
}
