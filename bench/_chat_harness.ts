/**
 * What the chat benchmarks share: starting a chat server (tp1 serve --chat,
 * ncat --chat, ncat --broker, or the bare Deno relay that is the floor) on a
 * free loopback port, connecting many clients that count what they receive,
 * waiting for the room to go quiet, and the rounds: the servers taking turns,
 * the cases and servers chosen from the environment, medians and ratios.
 */
import { delay } from "../src/io/delay.ts";
import { envInteger, median } from "./_settings.ts";
import { TP1_COMMAND } from "./_tp1_command.ts";

/** The servers compared ("tp1-baseline": another checkout of tp1, see TP1_BASELINE_MAIN). */
export type ServerKind = "tp1" | "tp1-baseline" | "ncat-chat" | "ncat-broker" | "deno-relay";

/**
 * TP1_BASELINE_MAIN, the main.ts of another checkout of tp1 (say, the commit
 * before a change, from `git archive`): run as "tp1-baseline" beside tp1, so a
 * change is measured before and after in one run, the two taking turns.
 */
const BASELINE_MAIN = Deno.env.get("TP1_BASELINE_MAIN") || undefined;

const KINDS: readonly ServerKind[] = [
  "tp1",
  ...(BASELINE_MAIN ? ["tp1-baseline" as const] : []),
  "ncat-chat",
  "ncat-broker",
  "deno-relay",
];

/** The goals (issue 14): the reference's time over tp1's, at least this. */
export const GOALS: Readonly<Partial<Record<ServerKind, number>>> = {
  "ncat-chat": 1.5,
  "ncat-broker": 1.0,
};

const DENO_RELAY = decodeURIComponent(new URL("_deno_relay.ts", import.meta.url).pathname);

/** Whether `kind` sends a newcomer something at once (tp1 and ncat --chat greet; the others relay). */
export function greets(kind: ServerKind): boolean {
  return kind === "tp1" || kind === "tp1-baseline" || kind === "ncat-chat";
}

/**
 * How many clients may be connecting at once (for a server that greets, until
 * their greeting): ncat listens with a backlog of 10 and, while busy, silently
 * loses connections beyond it, so its clients are let in one at a time; tp1
 * checks newcomers concurrently (each waits half a second for a TLS hello that
 * does not come), so all may wait together, as with the Deno relay.
 */
export function connectWindow(kind: ServerKind): number {
  return kind.startsWith("ncat") ? 1 : 1000;
}

/**
 * How each server is started, listening on 127.0.0.1:`port` for up to `maxClients`;
 * `tp1Options` are added to tp1's command line (e.g. `--idle`).
 */
export function serverArgv(
  kind: ServerKind,
  port: number,
  maxClients: number,
  tp1Options: readonly string[] = [],
): string[] {
  switch (kind) {
    case "tp1":
    case "tp1-baseline":
      // Not a terminal: tp1 runs the room and logs it (here to /dev/null).
      return [
        ...(kind === "tp1" ? TP1_COMMAND : [...TP1_COMMAND.slice(0, -1), BASELINE_MAIN!]),
        "serve",
        "--chat",
        "--host",
        "127.0.0.1",
        "-p",
        String(port),
        "--max-clients",
        String(maxClients),
        ...tp1Options,
      ];
    case "deno-relay":
      return [Deno.execPath(), "run", "--allow-net", DENO_RELAY, String(port)];
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

  constructor(
    readonly kind: ServerKind,
    readonly port: number,
    maxClients: number,
    tp1Options: readonly string[] = [],
  ) {
    const [command, ...args] = serverArgv(kind, port, maxClients, tp1Options);
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

/** The servers named by TP1_CHAT_SERVERS (default all); without ncat, those that are not ncat. */
export function chatServers(): ServerKind[] {
  const text = Deno.env.get("TP1_CHAT_SERVERS") || KINDS.join(",");
  const kinds = text.split(",").map((s) => s.trim()) as ServerKind[];
  for (const kind of kinds) {
    if (!KINDS.includes(kind)) throw new RangeError(`TP1_CHAT_SERVERS: unknown server "${kind}"`);
  }
  if (!available("ncat")) {
    console.log("ncat is not installed: measuring without it (no ratio to ncat)");
    return kinds.filter((k) => !k.startsWith("ncat"));
  }
  return kinds;
}

/** N receivers × M lines: TP1_CHAT_N and TP1_CHAT_M when both are given, else the two cases. */
export function chatCases(): [number, number][] {
  const n = envInteger("TP1_CHAT_N", 0);
  const m = envInteger("TP1_CHAT_M", 0);
  return n > 0 && m > 0 ? [[n, m]] : [[100, 10_000], [1000, 2000]];
}

/** TP1_CHAT_ROUNDS, at least 1. */
export function chatRounds(fallback: number): number {
  return Math.max(1, envInteger("TP1_CHAT_ROUNDS", fallback));
}

/**
 * Runs `runOnce` for every server, `rounds` times, the order rotated each round
 * so no server always runs first (or last); prints each run with `describe`.
 * A failed run is printed and left out; `ok` is false only when tp1 failed (a
 * reference server's limits are reported, not ours).
 */
export async function takeTurns<R>(
  kinds: readonly ServerKind[],
  rounds: number,
  runOnce: (kind: ServerKind) => Promise<R>,
  describe: (result: R) => string,
): Promise<{ results: Map<ServerKind, R[]>; ok: boolean }> {
  const results = new Map<ServerKind, R[]>(kinds.map((k) => [k, []]));
  let ok = true;
  for (let round = 1; round <= rounds; round++) {
    const order = kinds.map((_, i) => kinds[(i + round - 1) % kinds.length]);
    for (const kind of order) {
      try {
        const result = await runOnce(kind);
        results.get(kind)!.push(result);
        console.log(`  round ${round}  ${kind.padEnd(11)} ${describe(result)}`);
      } catch (error) {
        if (kind === "tp1") ok = false;
        console.log(`  round ${round}  ${kind.padEnd(11)} FAILED: ${(error as Error).message}`);
      }
    }
  }
  return { results, ok };
}

/**
 * Prints each server's median of `pick`, then each reference's median over
 * tp1's with its goal (the Deno relay has none: it is the floor, what any Deno
 * program writing the same bytes to every socket costs); with `goals` false
 * (a figure the goals are not about, like CPU time), the ratios alone.
 */
export function reportMedians<R>(
  title: string,
  results: Map<ServerKind, R[]>,
  pick: (result: R) => number,
  note: (time: number) => string = () => "",
  goals = true,
): void {
  const medians = new Map<ServerKind, number>();
  for (const [kind, runs] of results) {
    if (runs.length > 0) medians.set(kind, median(runs.map(pick)));
  }
  console.log(`  medians, ${title}:`);
  for (const [kind, time] of medians) {
    console.log(`    ${kind.padEnd(11)} ${ms(time)}${note(time)}`);
  }
  const tp1 = medians.get("tp1");
  if (tp1 === undefined) return;
  for (const [kind, theirs] of medians) {
    if (kind === "tp1") continue;
    const ratio = theirs / tp1;
    const goal = goals ? GOALS[kind] : undefined;
    console.log(
      `    ratio ${kind} / tp1 = ${ratio.toFixed(2)}×` +
        (!goals
          ? ""
          : kind === "tp1-baseline"
          ? "  (the baseline checkout: above 1, tp1 is faster now)"
          : goal === undefined
          ? "  (the floor: no goal)"
          : `  (goal ≥ ${goal.toFixed(1)}: ${ratio >= goal ? "met" : "MISSED"})`),
    );
  }
}

/** A duration for the reports, right-aligned. */
export function ms(value: number): string {
  return `${value.toFixed(0).padStart(5)} ms`;
}
