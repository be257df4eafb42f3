/**
 * What the chat benchmarks share: starting a chat server (tp1 serve --chat,
 * ncat --chat, ncat --broker) on a free loopback port, connecting many clients
 * that count what they receive, and waiting for the room to go quiet.
 */
import { delay } from "../src/io/delay.ts";
import { TP1_COMMAND } from "./_tp1_command.ts";

/** The servers compared. */
export type ServerKind = "tp1" | "ncat-chat" | "ncat-broker";

/** How each server is started, listening on 127.0.0.1:`port` for up to `maxClients`. */
export function serverArgv(kind: ServerKind, port: number, maxClients: number): string[] {
  switch (kind) {
    case "tp1":
      // Not a terminal: tp1 runs the room and logs it (here to /dev/null).
      return [
        ...TP1_COMMAND,
        "serve",
        "--chat",
        "--host",
        "127.0.0.1",
        "-p",
        String(port),
        "--max-clients",
        String(maxClients),
      ];
    case "ncat-chat":
    case "ncat-broker":
      return [
        "ncat",
        kind === "ncat-chat" ? "--chat" : "--broker",
        "--listen",
        "127.0.0.1",
        String(port),
        "--max-conns",
        String(maxClients),
      ];
  }
}

/** A running server process. */
export class ServerProcess implements AsyncDisposable {
  readonly child: Deno.ChildProcess;

  constructor(readonly kind: ServerKind, readonly port: number, maxClients: number) {
    const [command, ...args] = serverArgv(kind, port, maxClients);
    this.child = new Deno.Command(command, {
      args,
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  }

  /** Waits until the port accepts connections. */
  async listening(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        const probe = await Deno.connect({ hostname: "127.0.0.1", port: this.port });
        probe.close();
        // Let the server notice the probe leaving before the measured clients arrive.
        await delay(100);
        return;
      } catch {
        await delay(50);
      }
    }
    throw new Error(`${this.kind} did not start listening on port ${this.port}`);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    try {
      this.child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
    await this.child.status;
  }
}

/** A port nobody listens on right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/**
 * A connected client that counts the bytes it receives and can wait for a
 * marker. Cheap per read (no per-line work), so that with hundreds of them the
 * harness is not what limits the measurement.
 */
export class CountingClient {
  bytes = 0;
  lastByteAt = performance.now();
  /** Set when the connection ended: "eof" or an error name. */
  end: string | undefined;
  #watch: { marker: Uint8Array; resolve: () => void; tail: Uint8Array } | undefined;
  #ending: { marker: Uint8Array; resolve: () => void; tail: Uint8Array } | undefined;
  readonly done: Promise<void>;

  constructor(readonly conn: Deno.TcpConn, bufferSize = 16 * 1024) {
    this.done = this.#read(bufferSize);
  }

  /** Resolves once `bytes` bytes have arrived (counting from the last reset). */
  async untilBytes(bytes: number): Promise<void> {
    while (this.bytes < bytes && this.end === undefined) await delay(1);
  }

  /** Resolves once `marker` has arrived anywhere in what is received. */
  untilMarker(marker: string): Promise<void> {
    return new Promise((resolve) => {
      this.#watch = { marker: new TextEncoder().encode(marker), resolve, tail: new Uint8Array() };
    });
  }

  /**
   * Resolves once what was received ends with `last` (the last line sent):
   * only the end of each read is looked at, so this costs nothing per line.
   */
  untilEndsWith(last: string): Promise<void> {
    return new Promise((resolve) => {
      this.#ending = { marker: new TextEncoder().encode(last), resolve, tail: new Uint8Array() };
    });
  }

  /** Starts counting from zero. */
  reset(): void {
    this.bytes = 0;
  }

  close(): void {
    try {
      this.conn.close();
    } catch {
      // Already closed.
    }
  }

  async #read(bufferSize: number): Promise<void> {
    const buffer = new Uint8Array(bufferSize);
    try {
      for (;;) {
        const n = await this.conn.read(buffer);
        if (n === null) {
          this.end = "eof";
          break;
        }
        this.bytes += n;
        this.lastByteAt = performance.now();
        const view = buffer.subarray(0, n);
        if (this.#watch) this.#look(view);
        if (this.#ending) this.#checkEnd(view);
      }
    } catch (error) {
      this.end = error instanceof Error ? error.name : String(error);
    }
  }

  #checkEnd(chunk: Uint8Array): void {
    const ending = this.#ending!;
    const keep = ending.marker.length;
    const tail = chunk.length >= keep
      ? chunk.subarray(chunk.length - keep)
      : joinBytes(ending.tail, chunk).subarray(-keep);
    ending.tail = tail.slice();
    if (tail.length === keep && tail.every((byte, i) => byte === ending.marker[i])) {
      this.#ending = undefined;
      ending.resolve();
    }
  }

  #look(chunk: Uint8Array): void {
    const watch = this.#watch!;
    const text = joinBytes(watch.tail, chunk);
    if (indexOfBytes(text, watch.marker) !== -1) {
      this.#watch = undefined;
      watch.resolve();
      return;
    }
    watch.tail = text.slice(Math.max(0, text.length - watch.marker.length));
  }
}

function joinBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  for (let at = haystack.indexOf(needle[0]); at !== -1; at = haystack.indexOf(needle[0], at + 1)) {
    let i = 1;
    while (i < needle.length && haystack[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}

/**
 * Connects `count` clients, `parallel` at a time. With `greeted`, each
 * connection counts only once the server has sent it something (a chat room
 * greets newcomers): ncat listens with a backlog of 10 and, while busy,
 * silently loses connections beyond it, so clients are let in at its pace.
 */
export async function connectMany(
  port: number,
  count: number,
  { parallel = 1, greeted = false, bufferSize }: {
    parallel?: number;
    greeted?: boolean;
    bufferSize?: number;
  } = {},
): Promise<CountingClient[]> {
  const clients: CountingClient[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, async () => {
    while (next < count) {
      const index = next++;
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      const client = new CountingClient(conn, bufferSize);
      clients[index] = client;
      if (greeted) await client.untilBytes(1);
    }
  }));
  return clients;
}

/** Waits until no client has received anything for `quietMs` (join announcements are over). */
export async function quiet(clients: readonly CountingClient[], quietMs = 300): Promise<void> {
  for (;;) {
    const last = Math.max(...clients.map((c) => c.lastByteAt));
    const idle = performance.now() - last;
    if (idle >= quietMs) return;
    await delay(quietMs - idle + 5);
  }
}

/** Writes all of `bytes` to `conn`. */
export async function writeAll(conn: Deno.Conn, bytes: Uint8Array): Promise<void> {
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}

/** Whether `command` can be run. */
export function available(command: string): boolean {
  try {
    return new Deno.Command("sh", { args: ["-c", `command -v ${command}`], stdout: "null" })
      .outputSync().success;
  } catch {
    return false;
  }
}
