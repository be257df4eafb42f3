/**
 * A TLS connection with the shape of a `Deno.TcpConn`, so code written for plain
 * TCP (line streams, piped mode, keepalive) runs over TLS unchanged. It wraps a
 * `node:tls` socket that itself runs over the original `Deno.TcpConn`; socket
 * options go to that TCP connection, and errors come out as the `Deno.errors`
 * classes a `Deno.TcpConn` would throw.
 */
import type { TLSSocket } from "node:tls";
import type { Incoming, Outgoing } from "./_conn_duplex.ts";

/** Read size for `readable`, matching Deno's own stream chunks. */
const CHUNK_SIZE = 16 * 1024;

/** The certificate the other side presented. */
export interface PeerCertificate {
  /** SHA-256 of the certificate's DER, `AB:CD:…`, the value to pin. */
  readonly fingerprint: string;
  /** The certificate itself, PEM. */
  readonly pem: string;
}

/** A TLS session over a TCP connection, usable wherever a `Deno.TcpConn` is. */
export class TlsConnection implements Deno.TcpConn {
  readonly #socket: TLSSocket;
  readonly #tcp: Deno.TcpConn;
  readonly #outgoing: Outgoing | undefined;
  readonly #incoming: Incoming | undefined;
  /** The server's certificate (client side), or null (server side). */
  readonly peerCertificate: PeerCertificate | null;
  /** The negotiated protocol version, e.g. `TLSv1.3`. */
  readonly protocol: string | null;
  /** The negotiated cipher suite, e.g. `TLS_AES_256_GCM_SHA384` (for -v). */
  readonly cipher: string | null;
  #pending: Uint8Array | undefined;
  #ended = false;
  #error: Error | undefined;
  #closed = false;
  #wake: (() => void) | undefined;
  #readable: ReadableStream<Uint8Array<ArrayBuffer>> | undefined;
  #writable: WritableStream<Uint8Array> | undefined;

  /**
   * Takes over `socket`, a TLS socket whose handshake is complete, running over
   * `tcp`; `outgoing` is the queue of encrypted bytes not yet on `tcp`, which
   * writes wait on (TLS alone reports them done too early).
   */
  constructor(
    socket: TLSSocket,
    tcp: Deno.TcpConn,
    peerCertificate: PeerCertificate | null,
    outgoing?: Outgoing,
    incoming?: Incoming,
  ) {
    this.#socket = socket;
    this.#tcp = tcp;
    this.#outgoing = outgoing;
    this.#incoming = incoming;
    this.peerCertificate = peerCertificate;
    this.protocol = socket.getProtocol() ?? null;
    this.cipher = socket.getCipher()?.standardName ?? socket.getCipher()?.name ?? null;
    // An error between the handshake and now has already been emitted: pick it up.
    if (socket.errored) this.#error = toDenoError(socket.errored);
    if (socket.readableEnded || socket.destroyed) this.#ended = true;
    const wake = () => {
      const resolve = this.#wake;
      this.#wake = undefined;
      resolve?.();
    };
    socket.on("readable", wake);
    socket.on("end", () => {
      this.#ended = true;
      wake();
    });
    socket.on("error", (error: Error) => {
      this.#error ??= toDenoError(error);
      wake();
    });
    socket.on("close", () => {
      this.#ended = true;
      wake();
    });
  }

  get localAddr(): Deno.NetAddr {
    return this.#tcp.localAddr;
  }

  get remoteAddr(): Deno.NetAddr {
    return this.#tcp.remoteAddr;
  }

  /** Reads decrypted bytes into `p`; null at the peer's end of stream. */
  async read(p: Uint8Array): Promise<number | null> {
    for (;;) {
      if (this.#closed) throw new Deno.errors.BadResource("The TLS connection is closed");
      if (this.#pending) {
        const n = Math.min(p.length, this.#pending.length);
        p.set(this.#pending.subarray(0, n));
        this.#pending = n < this.#pending.length ? this.#pending.subarray(n) : undefined;
        return n;
      }
      const chunk: Uint8Array | null = this.#socket.read();
      if (chunk !== null) {
        this.#pending = chunk;
        this.#incoming?.took(chunk.length);
        continue;
      }
      // Nothing buffered any more: let the network be read again (see Incoming).
      this.#incoming?.caughtUp();
      if (this.#error) throw this.#error;
      if (this.#ended) return null;
      await new Promise<void>((resolve) => this.#wake = resolve);
      if (this.#closed) throw new Deno.errors.Interrupted("The TLS connection was closed");
    }
  }

  /** Encrypts and sends all of `p`; resolves to its length once TLS has taken it. */
  async write(p: Uint8Array): Promise<number> {
    if (this.#closed) throw new Deno.errors.BadResource("The TLS connection is closed");
    if (this.#error) throw this.#error;
    const copy = p.slice();
    await new Promise<void>((resolve, reject) => {
      this.#socket.write(copy, (error?: Error | null) => {
        if (error) reject(toDenoError(error));
        else resolve();
      });
    });
    // Backpressure: TLS takes everything at once; the connection's queue is what fills up.
    await this.#outgoing?.room();
    if (this.#error) throw this.#error;
    return p.length;
  }

  /** Sends TLS close_notify (and resolves once it is sent); the peer's data can still be read. */
  async closeWrite(): Promise<void> {
    if (this.#closed) throw new Deno.errors.BadResource("The TLS connection is closed");
    if (!this.#socket.writableEnded) {
      await new Promise<void>((resolve) => this.#socket.end(() => resolve()));
    }
    // TLS reports its end before its last bytes (close_notify) are on the connection.
    await this.#outgoing?.drained();
  }

  /** Closes the TLS session and the TCP connection at once. */
  close(): void {
    if (this.#closed) throw new Deno.errors.BadResource("The TLS connection is closed");
    this.#closed = true;
    this.#socket.destroy();
    const resolve = this.#wake;
    this.#wake = undefined;
    resolve?.();
  }

  /** Sets `TCP_NODELAY` on the underlying TCP connection. */
  setNoDelay(noDelay?: boolean): void {
    this.#tcp.setNoDelay(noDelay);
  }

  /** Turns TCP keep-alive probes on or off on the underlying TCP connection. */
  setKeepAlive(keepAlive?: boolean): void {
    this.#tcp.setKeepAlive(keepAlive);
  }

  ref(): void {
    this.#tcp.ref();
  }

  unref(): void {
    this.#tcp.unref();
  }

  /**
   * Decrypted incoming bytes as a stream. As with `Deno.TcpConn`, reaching its
   * end, an error, or cancelling it closes the whole connection.
   */
  get readable(): ReadableStream<Uint8Array<ArrayBuffer>> {
    this.#readable ??= new ReadableStream<Uint8Array<ArrayBuffer>>({
      pull: async (controller) => {
        const buffer = new Uint8Array(CHUNK_SIZE);
        let n: number | null;
        try {
          n = await this.read(buffer);
        } catch (error) {
          if (!this.#closed) this.close();
          throw error;
        }
        if (n === null) {
          controller.close();
          if (!this.#closed) this.close();
        } else {
          controller.enqueue(buffer.slice(0, n));
        }
      },
      cancel: () => {
        if (!this.#closed) this.close();
      },
    });
    return this.#readable;
  }

  /** Outgoing bytes as a stream; closing it half-closes the connection. */
  get writable(): WritableStream<Uint8Array> {
    this.#writable ??= new WritableStream<Uint8Array>({
      write: async (chunk) => {
        await this.write(chunk);
      },
      close: () => this.closeWrite(),
      abort: () => {
        if (!this.#closed) this.close();
      },
    });
    return this.#writable;
  }

  [Symbol.dispose](): void {
    if (!this.#closed) this.close();
  }
}

/** Node-style socket errors become the `Deno.errors` a `Deno.TcpConn` would throw. */
function toDenoError(error: Error): Error {
  if (error instanceof Deno.errors.ConnectionReset || error instanceof Deno.errors.BrokenPipe) {
    return error;
  }
  const code = (error as { code?: unknown }).code;
  if (code === "ECONNRESET") {
    return new Deno.errors.ConnectionReset(error.message, { cause: error });
  }
  if (code === "EPIPE") return new Deno.errors.BrokenPipe(error.message, { cause: error });
  if (typeof code === "string" && code.startsWith("ERR_SSL")) {
    return new Deno.errors.InvalidData(error.message, { cause: error });
  }
  return error;
}
