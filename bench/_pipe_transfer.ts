/**
 * One timed transfer through a real client and server on loopback: the input fed
 * in, the output discarded or checked, each side's peak RSS and CPU time sampled.
 */
import { MIB, PatternChecker } from "./_pattern.ts";
import { ProcessSampler, type ProcessUsage } from "./_process_sampler.ts";
import { REPO_ROOT, TP1_COMMAND } from "./_tp1_command.ts";

/** A port that was free a moment ago on 127.0.0.1 (the kernel picked it for `port: 0`). */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

/**
 * Waits until something listens on `port`, by reading /proc/net/tcp rather than
 * connecting: a probe connection would be taken by `nc -l` as its one client.
 */
export async function waitUntilListening(port: number, timeoutMs = 10_000): Promise<void> {
  const needle = `:${port.toString(16).toUpperCase().padStart(4, "0")} `;
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
      const lines = await Deno.readTextFile(table).catch(() => "");
      for (const line of lines.split("\n")) {
        const fields = line.trim().split(/\s+/);
        // fields[1] is local address:port, fields[3] the state; 0A is LISTEN.
        if (fields[3] === "0A" && `${fields[1]} `.endsWith(needle)) return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

/** How to run one tool's server and client for a piped transfer on 127.0.0.1. */
export interface PipeTool {
  readonly name: string;
  server(port: number): readonly string[];
  client(port: number): readonly string[];
}

/** tp1, run from source. */
export const TP1: PipeTool = {
  name: "tp1",
  server: (port) => [...TP1_COMMAND, "serve", "--host", "127.0.0.1", "-p", String(port)],
  client: (port) => [...TP1_COMMAND, "connect", "127.0.0.1", String(port)],
};

/** OpenBSD netcat, the reference: `-N` half-closes at end of input, like tp1. */
export const NC: PipeTool = {
  name: "nc",
  server: (port) => ["nc", "-l", "127.0.0.1", String(port)],
  client: (port) => ["nc", "-N", "127.0.0.1", String(port)],
};

/** Where the server's output goes during a transfer. */
export type OutputMode = "devnull" | "checked-pipe";

/**
 * Where the client's input comes from: `cat` of a 1 MiB pattern file, through a
 * FIFO, like `cat file | tp1 connect` (cheap, so the machine's CPUs go to the
 * tools under test); or this process writing the pattern into a pipe.
 */
export type FeederKind = "cat" | "harness";

/** The client's input stream: the pattern block, `mib` times over. */
export class InputFeed implements Disposable {
  readonly kind: FeederKind;
  /** The 1 MiB block the stream repeats. */
  readonly block: Uint8Array<ArrayBuffer>;
  readonly #dir: string | undefined;

  constructor(kind: FeederKind, block: Uint8Array<ArrayBuffer>) {
    this.kind = kind;
    this.block = block;
    if (kind === "cat") {
      this.#dir = Deno.makeTempDirSync({ prefix: "tp1_bench_" });
      Deno.writeFileSync(this.#blockPath, block);
      const made = new Deno.Command("mkfifo", { args: [this.#fifoPath] }).outputSync();
      if (!made.success) throw new Error(`mkfifo failed: ${new TextDecoder().decode(made.stderr)}`);
    }
  }

  get #blockPath(): string {
    return `${this.#dir}/block.bin`;
  }

  get #fifoPath(): string {
    return `${this.#dir}/input.fifo`;
  }

  /** The client's command line; with `cat`, wrapped so that it reads the FIFO (`exec` keeps the pid). */
  clientArgv(argv: readonly string[]): readonly string[] {
    return this.kind === "cat" ? ["sh", "-c", 'exec "$@" < "$0"', this.#fifoPath, ...argv] : argv;
  }

  /** How the client's stdin is set up when it is spawned. */
  get clientStdin(): "piped" | "null" {
    return this.kind === "cat" ? "null" : "piped";
  }

  /** Feeds `mib` MiB to `client`; resolves once all of it is written (or the client died). */
  async feed(client: Deno.ChildProcess, mib: number): Promise<void> {
    if (this.kind === "harness") {
      const writer = client.stdin.getWriter();
      try {
        for (let i = 0; i < mib; i++) await writer.write(this.block);
        await writer.close();
      } catch {
        // The client died; its exit status says why.
      }
      return;
    }
    // Each MiB is one argument to cat; past this the command line gets too long.
    if (mib > 16_384) {
      throw new RangeError(`the cat feeder sends at most 16384 MiB; use TP1_BENCH_FEEDER=harness`);
    }
    const cat = new Deno.Command("sh", {
      args: ["-c", 'exec cat "$@" > "$0"', this.#fifoPath, ...Array(mib).fill(this.#blockPath)],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    // If the client dies, cat dies of a broken pipe; the client's exit status says why.
    await Promise.race([cat.status, client.status]);
    try {
      cat.kill("SIGKILL");
    } catch {
      // Already exited.
    }
    await cat.status;
  }

  /** Removes the temporary files. */
  [Symbol.dispose](): void {
    if (this.#dir !== undefined) Deno.removeSync(this.#dir, { recursive: true });
  }
}

/** What one transfer measured. */
export interface TransferResult {
  readonly tool: string;
  readonly bytes: number;
  /** From starting the client until both processes have exited. */
  readonly seconds: number;
  readonly mibPerSecond: number;
  readonly server: ProcessUsage;
  readonly client: ProcessUsage;
}

/**
 * Pipes `mib` MiB of the pattern stream from `input` into `tool`'s client,
 * through loopback TCP, out of its server into /dev/null or into this process
 * (checked byte by byte). Throws if a side fails or the output is not exactly
 * the input.
 */
export async function pipeTransfer(
  tool: PipeTool,
  input: InputFeed,
  mib: number,
  output: OutputMode,
): Promise<TransferResult> {
  const port = freePort();
  await using server = spawn(tool.server(port), {
    stdin: "null",
    stdout: output === "devnull" ? "null" : "piped",
  });
  const serverSampler = new ProcessSampler(server.pid);
  await waitUntilListening(port);

  const started = performance.now();
  await using client = spawn(input.clientArgv(tool.client(port)), {
    stdin: input.clientStdin,
    stdout: "null",
  });
  const clientSampler = new ProcessSampler(client.pid);

  const checker = new PatternChecker(input.block);
  const received = output === "devnull" ? Promise.resolve() : (async () => {
    for await (const chunk of server.child.stdout) checker.check(chunk);
  })();
  const fed = input.feed(client.child, mib);

  const [clientStatus, serverStatus] = await Promise.all([
    client.child.status,
    server.child.status,
    fed,
    received,
  ]);
  const seconds = (performance.now() - started) / 1000;
  const clientUsage = clientSampler.stop();
  const serverUsage = serverSampler.stop();

  const sides = [["client", clientStatus, client], ["server", serverStatus, server]] as const;
  for (const [side, status, proc] of sides) {
    if (!status.success) {
      throw new Error(
        `${tool.name} ${side} exited with ${status.code}: ${(await proc.stderr()).trim()}`,
      );
    }
  }
  const bytes = mib * MIB;
  if (output === "checked-pipe") {
    if (checker.mismatchAt !== undefined) {
      throw new Error(`${tool.name}: output differs from input at byte ${checker.mismatchAt}`);
    }
    if (checker.position !== bytes) {
      throw new Error(`${tool.name}: ${checker.position} bytes came out, ${bytes} went in`);
    }
  }
  return {
    tool: tool.name,
    bytes,
    seconds,
    mibPerSecond: mib / seconds,
    server: serverUsage,
    client: clientUsage,
  };
}

interface Spawned extends AsyncDisposable {
  readonly child: Deno.ChildProcess;
  readonly pid: number;
  stderr(): Promise<string>;
}

function spawn(
  argv: readonly string[],
  io: { stdin: "null" | "piped"; stdout: "null" | "piped" },
): Spawned {
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: REPO_ROOT,
    stdin: io.stdin,
    stdout: io.stdout,
    stderr: "piped",
  }).spawn();
  const stderr = new Response(child.stderr).text();
  return {
    child,
    pid: child.pid,
    stderr: () => stderr,
    async [Symbol.asyncDispose]() {
      try {
        child.kill("SIGKILL");
      } catch {
        // Already exited.
      }
      await child.status;
      await stderr.catch(() => "");
      if (io.stdout === "piped") await child.stdout.cancel().catch(() => undefined);
    },
  };
}
