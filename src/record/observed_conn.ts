/**
 * Adapter: a connection that notes what its TCP life looks like from here —
 * bytes each way, when this side sent its FIN (closeWrite or close), when the
 * peer's FIN arrived (end of stream), a reset — and reports the whole story once
 * when it is closed. Everything else passes through. Used by `-v` and `--record`.
 */
import type { FirstCloser } from "./transcript_event.ts";

/** How one connection went, reported when it is closed. */
export interface ConnStory {
  readonly local: Deno.NetAddr;
  readonly peer: Deno.NetAddr;
  readonly first: FirstCloser;
  readonly reset: boolean;
  readonly sent: number;
  readonly received: number;
  readonly durationMs: number;
}

const CHUNK_SIZE = 16 * 1024;

/** `conn`, calling `onClosed` once with its story when it is closed (by anyone). */
export function observeConn<T extends Deno.Conn>(
  conn: T,
  onClosed: (story: ConnStory) => void,
  now: () => number = Date.now,
): T {
  const openedAt = now();
  let sent = 0;
  let received = 0;
  /** Whose FIN came first, in the order this process saw them. */
  let first: FirstCloser | undefined;
  let reset = false;
  let closed = false;
  let readable: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
  let writable: WritableStream<Uint8Array> | undefined;

  const read = async (buffer: Uint8Array): Promise<number | null> => {
    try {
      const n = await conn.read(buffer);
      if (n === null) first ??= "peer";
      else received += n;
      return n;
    } catch (error) {
      if (error instanceof Deno.errors.ConnectionReset) reset = true;
      throw error;
    }
  };
  const write = async (bytes: Uint8Array): Promise<number> => {
    try {
      const n = await conn.write(bytes);
      sent += n;
      return n;
    } catch (error) {
      if (error instanceof Deno.errors.ConnectionReset) reset = true;
      throw error;
    }
  };
  // The chat server reads a client's first bytes through the gate's pending read (takePending),
  // bypassing read(): counted here too, or the summary misses the first line.
  const source = conn as T & { takePending?(): Promise<Uint8Array | null> | undefined };
  const takePending = (): Promise<Uint8Array | null> | undefined =>
    source.takePending?.()?.then((bytes) => {
      if (bytes === null) first ??= "peer";
      else received += bytes.length;
      return bytes;
    }, (error) => {
      if (error instanceof Deno.errors.ConnectionReset) reset = true;
      throw error;
    });
  const closeWrite = async (): Promise<void> => {
    first ??= "local";
    await conn.closeWrite();
  };
  const close = (): void => {
    if (!closed) {
      closed = true;
      const at = now();
      first ??= "local";
      try {
        onClosed({
          local: conn.localAddr as Deno.NetAddr,
          peer: conn.remoteAddr as Deno.NetAddr,
          first,
          reset,
          sent,
          received,
          durationMs: at - openedAt,
        });
      } catch {
        // A failing report must not keep the socket open.
      }
    }
    conn.close();
  };
  // Deno's own streams bypass read() and write(): these go through them, so every byte counts.
  const readableStream = () =>
    readable ??= new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull: async (controller) => {
        const buffer = new Uint8Array(CHUNK_SIZE);
        let n: number | null;
        try {
          n = await read(buffer);
        } catch (error) {
          close();
          throw error;
        }
        if (n === null) {
          controller.close();
          close();
        } else {
          controller.enqueue(buffer.slice(0, n));
        }
      },
      cancel: () => close(),
    });
  const writableStream = () =>
    writable ??= new WritableStream<Uint8Array>({
      write: async (chunk) => {
        for (let done = 0; done < chunk.length;) done += await write(chunk.subarray(done));
      },
      close: () => closeWrite(),
      abort: () => close(),
    });

  return new Proxy(conn, {
    get(target, property) {
      switch (property) {
        case "read":
          return read;
        case "takePending":
          return takePending;
        case "write":
          return write;
        case "closeWrite":
          return closeWrite;
        case "close":
          return close;
        case "readable":
          return readableStream();
        case "writable":
          return writableStream();
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** `listener`, telling `onAccepted` of each connection as soon as it is accepted. */
export function observeListener<L extends Deno.Listener<Deno.TcpConn, Deno.NetAddr>>(
  listener: L,
  onAccepted: (conn: Deno.TcpConn) => void,
): L {
  const accept = async (): Promise<Deno.TcpConn> => {
    const conn = await listener.accept();
    try {
      onAccepted(conn);
    } catch {
      // A failing report must not lose the client.
    }
    return conn;
  };
  return new Proxy(listener, {
    get(target, property) {
      if (property === "accept") return accept;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * `gate`, whose admitted connections are observed. Observing above the gate, not
 * at accept, means above TLS: the FIN that counts is the one the session sends
 * (TLS's close_notify), and the bytes are the conversation's, as for the client.
 */
export function observeAdmitted<
  G extends { admit(tcp: Deno.TcpConn): Promise<Deno.TcpConn | undefined> },
>(
  gate: G,
  onClosed: (story: ConnStory) => void,
): G {
  const admit = async (tcp: Deno.TcpConn): Promise<Deno.TcpConn | undefined> => {
    const conn = await gate.admit(tcp);
    return conn && observeConn(conn, onClosed);
  };
  return new Proxy(gate, {
    get(target, property) {
      if (property === "admit") return admit;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
