/**
 * Presents a Deno TCP connection as a Node.js `Duplex`, so `node:tls` can run
 * TLS over a socket that the rest of tp1 opened, accepted and configured
 * (keepalive, access checks) with the Deno API. Private to `src/tls/`.
 *
 * Outgoing bytes go through a queue of its own, written in order, because Deno
 * 2.9.6's `node:tls` does not wait for this stream's writes: it reports its
 * own writes done (and `finish`) while encrypted bytes are still being written
 * here, then destroys the stream once the peer has ended too, which used to
 * cut off up to ~800 KB of a 4 MiB transfer. So a destroy without an error
 * first writes out what is queued (for at most a linger time), as closing a
 * `Deno.TcpConn` leaves the kernel to deliver what was written; and the queue's
 * length is what {@linkcode Outgoing.room} holds writers back on.
 */
import { Duplex } from "node:stream";
import { writeAll } from "../io/byte_ends.ts";
import { closeQuietly } from "../io/close_quietly.ts";

/** Read size per `conn.read()`: one TLS record is at most 16 KiB plus overhead. */
const READ_SIZE = 32 * 1024;

/** Bytes queued for the connection beyond which writers wait (see {@linkcode Outgoing.room}). */
export const OUTGOING_LIMIT = 256 * 1024;

/** Bytes read from the connection and not yet taken by the reader, beyond which reading waits. */
export const INCOMING_LIMIT = 256 * 1024;

/** How long a destroyed stream keeps writing out its queue to a peer that does not read. */
export const CLOSE_LINGER_MS = 10_000;

/** Options for {@linkcode duplexOverConn}. */
export interface ConnDuplexOptions {
  /** Bytes already read from `conn` that must come out first. */
  readonly prefix?: Uint8Array;
  /** Sees every chunk read from `conn`, before TLS does (to recognise plain text). */
  readonly onRead?: (chunk: Uint8Array) => void;
}

/** The bytes written to the stream that are not on the connection yet. */
export interface Outgoing {
  /** Resolves once at most {@linkcode OUTGOING_LIMIT} bytes wait (or writing has failed). */
  room(): Promise<void>;
  /** Resolves once every byte written so far is on the connection (or writing has failed). */
  drained(): Promise<void>;
}

/**
 * How the reader above TLS holds back reading from the connection: bytes read
 * from it count as waiting until the reader says it took them, and beyond
 * {@linkcode INCOMING_LIMIT} waiting bytes nothing more is read. (Deno's
 * `node:tls` would read all the peer sends and keep it, however much.)
 */
export interface Incoming {
  /** The reader took `n` decrypted bytes. */
  took(n: number): void;
  /** The reader found nothing left to take: everything read so far is taken. */
  caughtUp(): void;
}

/** The stream for `node:tls`, and its two sides for the code above TLS. */
export interface ConnDuplex {
  readonly duplex: Duplex;
  readonly outgoing: Outgoing;
  readonly incoming: Incoming;
}

/** A Duplex whose reads come from `conn`, whose writes go to it, and whose destroy closes it. */
export function duplexOverConn(conn: Deno.Conn, options: ConnDuplexOptions = {}): ConnDuplex {
  let prefix = options.prefix && options.prefix.length > 0 ? options.prefix : undefined;
  let closed = false;
  const queue: Uint8Array[] = [];
  let queued = 0;
  let writing = false;
  let failure: Error | undefined;
  let waiting: (() => void)[] = [];

  const wakeWaiters = () => {
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const waitUntil = async (done: () => boolean) => {
    while (!done()) await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const finished = () => closed || failure !== undefined;
  const outgoing: Outgoing = {
    room: () => waitUntil(() => queued <= OUTGOING_LIMIT || finished()),
    drained: () => waitUntil(() => queued === 0 || finished()),
  };
  const closeConn = () => {
    if (closed) return;
    closed = true;
    closeQuietly(conn);
    wakeWaiters();
  };

  const writeQueue = async () => {
    if (writing) return;
    writing = true;
    while (queue.length > 0 && !finished()) {
      const chunk = queue[0];
      try {
        await writeAll(conn, chunk);
      } catch (error) {
        failure = error instanceof Error ? error : new Error(String(error));
        break;
      }
      queue.shift();
      queued -= chunk.length;
      wakeWaiters();
    }
    writing = false;
    if (failure) {
      queue.length = 0;
      queued = 0;
      wakeWaiters();
      if (!duplex.destroyed) duplex.destroy(failure);
    }
  };

  // Counted in bytes from the connection; what TLS adds to each record only makes this stricter.
  let readFromNet = 0;
  let taken = 0;
  let readWanted = false;
  const mayRead = () => readFromNet - taken < INCOMING_LIMIT;
  const readFromConn = () => {
    const buffer = new Uint8Array(READ_SIZE);
    conn.read(buffer).then(
      (n) => {
        if (n === null) {
          duplex.push(null);
          return;
        }
        readFromNet += n;
        const chunk = buffer.subarray(0, n);
        options.onRead?.(chunk);
        duplex.push(chunk);
      },
      (error: unknown) => {
        if (!closed) duplex.destroy(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  const resume = () => {
    if (!readWanted || !mayRead()) return;
    readWanted = false;
    readFromConn();
  };
  const incoming: Incoming = {
    took(n) {
      taken = Math.min(readFromNet, taken + n);
      resume();
    },
    caughtUp() {
      taken = readFromNet;
      resume();
    },
  };

  const duplex = new Duplex({
    // TLS decides when to end its sending side; the peer's FIN must not end it for us.
    allowHalfOpen: true,
    read() {
      if (prefix) {
        const first = prefix;
        prefix = undefined;
        this.push(first);
        return;
      }
      if (!mayRead()) {
        readWanted = true; // Read again when the reader has taken enough (`incoming`).
        return;
      }
      readFromConn();
    },
    write(chunk: Uint8Array, _encoding, callback) {
      if (finished()) {
        callback(failure ?? new Deno.errors.BadResource("The connection is closed"));
        return;
      }
      // Taken at once (a copy: the writer may reuse its buffer); writers wait on `room()`.
      queue.push(new Uint8Array(chunk));
      queued += chunk.length;
      writeQueue();
      callback();
    },
    final(callback) {
      outgoing.drained()
        .then(() => closed ? undefined : conn.closeWrite())
        .then(() => callback(), () => callback());
    },
    destroy(error, callback) {
      if (error || queued === 0) {
        closeConn();
      } else {
        // Deliver what was written, as closing a TCP connection would, but not for ever.
        const timer = setTimeout(closeConn, CLOSE_LINGER_MS);
        outgoing.drained().then(() => {
          clearTimeout(timer);
          closeConn();
        });
      }
      callback(error);
    },
  });
  return { duplex, outgoing, incoming };
}
