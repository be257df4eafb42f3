/**
 * A connection that reports every read and write, so `--idle` can tell a
 * silent client from one that is only listening. Everything else passes through.
 * The proxy's handler is a class, its trap shared by every connection: a chat
 * server with `--idle` holds one per client.
 */
import type { ByteSink, ByteSource } from "./byte_ends.ts";

/** `conn`, calling `onActivity` after each read and write. */
export function withActivity<T extends ByteSource & ByteSink>(conn: T, onActivity: () => void): T {
  return new Proxy(conn, new ActivityTrap<T>(onActivity));
}

class ActivityTrap<T extends ByteSource & ByteSink> implements ProxyHandler<T> {
  readonly #onActivity: () => void;

  constructor(onActivity: () => void) {
    this.#onActivity = onActivity;
  }

  get(target: T, property: string | symbol): unknown {
    const onActivity = this.#onActivity;
    if (property === "read") {
      return async (buffer: Uint8Array) => {
        const n = await target.read(buffer);
        onActivity();
        return n;
      };
    }
    if (property === "takePending") {
      return () =>
        target.takePending?.()?.then((bytes) => {
          onActivity();
          return bytes;
        });
    }
    if (property === "write") {
      return async (bytes: Uint8Array) => {
        const n = await target.write(bytes);
        onActivity();
        return n;
      };
    }
    const value = Reflect.get(target, property, target);
    return typeof value === "function" ? value.bind(target) : value;
  }
}
