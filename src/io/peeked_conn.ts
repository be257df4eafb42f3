/**
 * Looks at a connection's first bytes before anyone else reads it, without
 * losing them: the first read is started at once, and whoever reads the
 * connection next gets its bytes first. Deno has no MSG_PEEK, and a read cannot
 * be taken back, so the pending read is kept and handed on instead.
 *
 * A chat server holds thousands of these, most of them silent for good, so
 * the wrapper keeps only the read under way and its buffer (no timer, no
 * closures), and a reader may take that buffer over (`takePending`) instead of
 * allocating its own while the read is still pending.
 */

/** What {@linkcode peekFirstBytes} saw, and the connection to read from now on. */
export interface Peeked<T extends Deno.Conn> {
  /** The first bytes, if some arrived in time (undefined: none yet, or the peer left). */
  readonly first: Uint8Array | undefined;
  /** `conn`, whose next reads give the first bytes again, then the rest. */
  readonly conn: T;
}

/** How the first read settled: its bytes (a view of its buffer; null at end of stream), or why it failed. */
type Outcome = { readonly bytes: Uint8Array | null } | { readonly error: unknown };

/** The first read's bytes, or its failure thrown: one function for every connection, no closure. */
function unwrap(outcome: Outcome): Uint8Array | null {
  if ("error" in outcome) throw outcome.error;
  return outcome.bytes;
}

/**
 * Waits at most `waitMs` for `conn`'s first bytes (at most `size` of them).
 * Read the returned `conn`, never the original one, one read at a time.
 */
export async function peekFirstBytes<T extends Deno.Conn>(
  conn: T,
  waitMs: number,
  size = 1024,
): Promise<Peeked<T>> {
  const replay = new Replay(conn, new Uint8Array(size));
  const early = await replay.within(waitMs);
  return { first: early, conn: new Proxy(conn, replay) };
}

/** The proxy handler: `read` (and `takePending`) replay the first read, the rest is `conn`'s. */
class Replay<T extends Deno.Conn> implements ProxyHandler<T> {
  readonly #conn: T;
  /** The first read (into its own buffer), until handed on. */
  #pending: Promise<Outcome> | undefined;
  /** How the first read settled, once it has. */
  #outcome: Outcome | undefined;
  /** Told when the first read settles, while {@linkcode within} waits for it. */
  #wake: ((outcome: Outcome) => void) | undefined;
  /** Bytes of the first read not yet handed on (the reader's buffer was smaller). */
  #left: Uint8Array | undefined;
  #readable: ReadableStream<Uint8Array> | undefined;

  constructor(conn: T, buffer: Uint8Array) {
    this.#conn = conn;
    // Settled into a value, so a failure nobody reads yet is not an unhandled rejection;
    // and the only callback on the read: waiting for it (within) adds none that would
    // stay behind on a client that never speaks.
    this.#pending = conn.read(buffer).then(
      (n) => this.#settled({ bytes: n === null ? null : buffer.subarray(0, n) }),
      (error) => this.#settled({ error }),
    );
  }

  #settled(outcome: Outcome): Outcome {
    this.#outcome = outcome;
    this.#wake?.(outcome);
    return outcome;
  }

  /** A copy of the first bytes, if they arrive within `waitMs`. */
  async within(waitMs: number): Promise<Uint8Array | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const early = this.#outcome ?? await new Promise<Outcome | undefined>((resolve) => {
      this.#wake = resolve;
      timer = setTimeout(() => resolve(undefined), waitMs);
    });
    this.#wake = undefined;
    clearTimeout(timer);
    return early && "bytes" in early && early.bytes !== null ? early.bytes.slice() : undefined;
  }

  get(target: T, property: string | symbol): unknown {
    if (property === "read") return (into: Uint8Array) => this.#read(into);
    if (property === "takePending") return () => this.#takePending();
    if (property === "readable") return this.#readable ??= this.#stream();
    const value = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  }

  /**
   * The first read's bytes in its own buffer (no copy), while it has not been
   * handed on; undefined afterwards: read into a buffer of your own.
   */
  #takePending(): Promise<Uint8Array | null> | undefined {
    const pending = this.#pending;
    if (pending === undefined || this.#left !== undefined) return undefined;
    this.#pending = this.#outcome = undefined;
    return pending.then(unwrap);
  }

  #read(into: Uint8Array): Promise<number | null> {
    const first = this.#takePending();
    if (first !== undefined) {
      return first.then((bytes) => {
        if (bytes === null) return null;
        this.#left = bytes;
        return this.#read(into);
      });
    }
    const left = this.#left;
    if (left !== undefined) {
      const n = Math.min(into.length, left.length);
      into.set(left.subarray(0, n));
      this.#left = n < left.length ? left.subarray(n) : undefined;
      return Promise.resolve(n);
    }
    return this.#conn.read(into);
  }

  #stream(): ReadableStream<Uint8Array> {
    return new ReadableStream({
      pull: async (controller) => {
        const chunk = new Uint8Array(16 * 1024);
        const n = await this.#read(chunk);
        if (n === null) controller.close();
        else controller.enqueue(chunk.subarray(0, n));
      },
    });
  }
}
