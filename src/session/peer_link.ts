/**
 * One interactive TCP connection: incoming bytes as display lines, outgoing
 * lines through a bounded queue written in order, and a graceful close that
 * sends everything queued, half-closes, and lets the peer's last words arrive.
 */
import { lineStream, type LineStreamOptions } from "../streams/line_stream.ts";
import { writeAll } from "../pipe/byte_ends.ts";

/** The default bound on bytes waiting to be sent to one peer. */
export const DEFAULT_MAX_QUEUED_BYTES = 1024 * 1024;

/** How long, after we stop sending, the peer's last lines may still arrive. */
export const LINGER_MS = 1000;

/** How the incoming side of a link ended. */
export type IncomingEnd = "closed" | "reset";

/** Options for a {@linkcode PeerLink}. */
export interface PeerLinkOptions extends LineStreamOptions {
  /** When the queue would exceed this many bytes, `send()` returns false. */
  maxQueuedBytes?: number;
}

const encoder = new TextEncoder();

/** A connection carrying lines of text both ways. */
export class PeerLink {
  readonly conn: Deno.TcpConn;
  readonly #maxQueuedBytes: number;
  readonly #lineOptions: LineStreamOptions;
  #queue: Uint8Array[] = [];
  #queuedBytes = 0;
  #wake: (() => void) | undefined;
  #sending = true;
  readonly #writer: Promise<void>;
  #writeError: unknown;

  constructor(conn: Deno.TcpConn, options: PeerLinkOptions = {}) {
    this.conn = conn;
    this.#maxQueuedBytes = options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES;
    this.#lineOptions = options;
    try {
      conn.setKeepAlive(true);
    } catch {
      // Keepalive only helps notice dead peers sooner; a socket without it still works.
    }
    this.#writer = this.#writeLoop();
  }

  /** Queues `text` for sending; false when the peer is not keeping up (queue full) or gone. */
  send(text: string): boolean {
    if (!this.#sending || this.#writeError !== undefined) return false;
    const bytes = encoder.encode(text);
    if (this.#queuedBytes + bytes.length > this.#maxQueuedBytes) return false;
    this.#queue.push(bytes);
    this.#queuedBytes += bytes.length;
    this.#wake?.();
    return true;
  }

  /** Calls `onLine` for each incoming line until the peer closes or resets. */
  async receive(onLine: (line: string) => void): Promise<IncomingEnd> {
    try {
      for await (const line of lineStream(this.conn.readable, this.#lineOptions)) onLine(line);
      return "closed";
    } catch (error) {
      if (
        error instanceof Deno.errors.ConnectionReset || error instanceof Deno.errors.BrokenPipe ||
        error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted
      ) {
        return "reset";
      }
      throw error;
    }
  }

  /** Sends what is queued, then shuts down the sending half (the peer reads end of stream). */
  async finishSending(): Promise<void> {
    this.#sending = false;
    this.#wake?.();
    await this.#writer;
    try {
      await this.conn.closeWrite();
    } catch {
      // Already closed or reset by the peer: nothing left to send anyway.
    }
  }

  /** Closes the connection at once. */
  close(): void {
    this.#sending = false;
    this.#queue = [];
    this.#wake?.();
    try {
      this.conn.close();
    } catch {
      // Closed already.
    }
  }

  async #writeLoop(): Promise<void> {
    for (;;) {
      if (this.#queue.length === 0) {
        if (!this.#sending) return;
        await new Promise<void>((resolve) => this.#wake = resolve);
        this.#wake = undefined;
        continue;
      }
      // Everything queued goes out in one write: fewer system calls under load.
      const chunks = this.#queue;
      this.#queue = [];
      const bytes = chunks.length === 1 ? chunks[0] : concat(chunks);
      try {
        await writeAll(this.conn, bytes);
      } catch (error) {
        this.#writeError = error;
        this.#queue = [];
        return;
      } finally {
        this.#queuedBytes -= bytes.length;
      }
    }
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, c) => sum + c.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
