/**
 * Looks at a connection's first bytes before anyone else reads it, without
 * losing them: the first read is started at once, and whoever reads the
 * connection next gets its bytes first. Deno has no MSG_PEEK, and a read cannot
 * be taken back, so the pending read is kept and handed on instead.
 */

/** What {@linkcode peekFirstBytes} saw, and the connection to read from now on. */
export interface Peeked<T extends Deno.Conn> {
  /** The first bytes, if some arrived in time (undefined: none yet, or the peer left). */
  readonly first: Uint8Array | undefined;
  /** `conn`, whose next reads give the first bytes again, then the rest. */
  readonly conn: T;
}

type Outcome = { readonly n: number | null } | { readonly error: unknown };

/**
 * Waits at most `waitMs` for `conn`'s first bytes (at most `size` of them).
 * Read the returned `conn`, never the original one, one read at a time.
 */
export async function peekFirstBytes<T extends Deno.Conn>(
  conn: T,
  waitMs: number,
  size = 1024,
): Promise<Peeked<T>> {
  const buffer = new Uint8Array(size);
  // Settled into a value, so a failure nobody reads yet is not an unhandled rejection.
  const pending: Promise<Outcome> = conn.read(buffer).then((n) => ({ n }), (error) => ({ error }));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const early = await Promise.race([
    pending,
    new Promise<undefined>((resolve) => timer = setTimeout(() => resolve(undefined), waitMs)),
  ]);
  clearTimeout(timer);
  const first = early && "n" in early && early.n !== null ? buffer.slice(0, early.n) : undefined;

  let left: Uint8Array | undefined;
  let handedOn = false;
  const read = async (into: Uint8Array): Promise<number | null> => {
    if (!handedOn) {
      handedOn = true;
      const outcome = await pending;
      if ("error" in outcome) throw outcome.error;
      if (outcome.n === null) return null;
      left = buffer.subarray(0, outcome.n);
    }
    if (left !== undefined && left.length > 0) {
      const n = Math.min(into.length, left.length);
      into.set(left.subarray(0, n));
      left = left.subarray(n);
      return n;
    }
    return conn.read(into);
  };
  let readable: ReadableStream<Uint8Array> | undefined;
  const replaying = new Proxy(conn, {
    get(target, property) {
      if (property === "read") return read;
      if (property === "readable") {
        return readable ??= new ReadableStream({
          async pull(controller) {
            const chunk = new Uint8Array(16 * 1024);
            const n = await read(chunk);
            if (n === null) controller.close();
            else controller.enqueue(chunk.subarray(0, n));
          },
        });
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { first, conn: replaying };
}
