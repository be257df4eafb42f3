/**
 * What the chat benchmarks share: starting a chat server (tp1 serve --chat,
 * ncat --chat, ncat --broker) on a free loopback port, connecting many clients
 * that count what they receive, and waiting for the room to go quiet.
 */
import { delay } from "../src/core/delay.ts";
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

/** A connected client that counts the lines (LF bytes) and bytes it receives. */
export class CountingClient {
  lines = 0;
  bytes = 0;
  lastByteAt = performance.now();
  /** Set when the connection ended: "eof" or an error name. */
  end: string | undefined;
  #watch: { marker: Uint8Array; resolve: () => void; tail: Uint8Array } | undefined;
  #target: { lines: number; resolve: () => void } | undefined;
  readonly done: Promise<void>;

  constructor(readonly conn: Deno.TcpConn, bufferSize = 16 * 1024) {
    this.done = this.#read(bufferSize);
  }

  /** Resolves once `lines` lines have arrived (counting from the last reset). */
  untilLines(lines: number): Promise<void> {
    if (this.lines >= lines) return Promise.resolve();
    return new Promise((resolve) => this.#target = { lines, resolve });
  }

  /** Resolves once `marker` has arrived. */
  untilMarker(marker: string): Promise<void> {
    return new Promise((resolve) => {
      this.#watch = { marker: new TextEncoder().encode(marker), resolve, tail: new Uint8Array() };
    });
  }

  /** Starts counting from zero. */
  reset(): void {
    this.lines = 0;
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
        for (let at = view.indexOf(10); at !== -1; at = view.indexOf(10, at + 1)) this.lines++;
        if (this.#target && this.lines >= this.#target.lines) {
          this.#target.resolve();
          this.#target = undefined;
        }
        if (this.#watch) this.#look(view);
      }
    } catch (error) {
      this.end = error instanceof Error ? error.name : String(error);
    }
  }

  #look(chunk: Uint8Array): void {
    const watch = this.#watch!;
    const text = new Uint8Array(watch.tail.length + chunk.length);
    text.set(watch.tail);
    text.set(chunk, watch.tail.length);
    if (indexOfBytes(text, watch.marker) !== -1) {
      this.#watch = undefined;
      watch.resolve();
      return;
    }
    watch.tail = text.slice(Math.max(0, text.length - watch.marker.length));
  }
}

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array): number {
  for (let at = haystack.indexOf(needle[0]); at !== -1; at = haystack.indexOf(needle[0], at + 1)) {
    let i = 1;
    while (i < needle.length && haystack[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}

/** Connects `count` clients, `parallel` at a time. */
export async function connectMany(
  port: number,
  count: number,
  parallel = 50,
  bufferSize?: number,
): Promise<CountingClient[]> {
  const clients: CountingClient[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, async () => {
    while (next < count) {
      const index = next++;
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      clients[index] = new CountingClient(conn, bufferSize);
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
