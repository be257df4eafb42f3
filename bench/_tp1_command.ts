/** How the benchmarks run tp1 (from source, with the Deno running them) and time a run. */
import { V8_FLAGS } from "../scripts/v8_flags.ts";

/** The repository root, found from this file's location. */
export const REPO_ROOT: URL = new URL("../", import.meta.url);

/** The absolute path of tp1's entry point. */
export const MAIN_TS: string = decodeURIComponent(new URL("main.ts", REPO_ROOT).pathname);

/**
 * How tp1 is run: the Deno running the benchmark, from source (`deno compile` is not assumed),
 * with the V8 options the dist launcher gives it.
 */
export const TP1_COMMAND: readonly string[] = [
  Deno.execPath(),
  "run",
  "--allow-all",
  `--v8-flags=${V8_FLAGS}`,
  MAIN_TS,
];

/** `deno run` of a module that does nothing: the floor under any Deno program's startup. */
export const EMPTY_DENO_COMMAND: readonly string[] = [
  Deno.execPath(),
  "run",
  "data:text/javascript,",
];

/**
 * Runs `argv` to completion with no input and output discarded (with `env` added to the
 * environment); resolves to the wall time in ms.
 */
export async function timeRun(
  argv: readonly string[],
  env: Record<string, string> = {},
): Promise<number> {
  const command = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: REPO_ROOT,
    env,
    stdin: "null",
    stdout: "null",
    stderr: "piped",
  });
  const started = performance.now();
  const { success, code, stderr } = await command.output();
  const elapsed = performance.now() - started;
  if (!success) {
    throw new Error(`${argv.join(" ")} exited with ${code}: ${new TextDecoder().decode(stderr)}`);
  }
  return elapsed;
}

/** A module that connects to 127.0.0.1:PORT (its argument) and sends one byte: Deno's floor for a client. */
export const DENO_CONNECT_SOURCE =
  "const c = await Deno.connect({ hostname: '127.0.0.1', port: Number(Deno.args[0]) });" +
  "await c.write(new Uint8Array([120])); c.close();";

/**
 * Spawns `argv` (with `env` added) with a byte waiting on its stdin; resolves to the ms until a
 * byte reaches `listener`.
 */
export async function timeFirstByte(
  argv: readonly string[],
  listener: Deno.TcpListener,
  env: Record<string, string> = {},
): Promise<number> {
  const started = performance.now();
  const child = new Deno.Command(argv[0], {
    args: argv.slice(1),
    cwd: REPO_ROOT,
    env,
    stdin: "piped",
    stdout: "null",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode("x\n"));
  const conn = await listener.accept();
  const one = new Uint8Array(1);
  const n = await conn.read(one);
  const elapsed = performance.now() - started;
  conn.close();
  await writer.close().catch(() => {});
  try {
    child.kill("SIGKILL");
  } catch { /* gone already */ }
  await child.status;
  if (n !== 1) throw new Error(`${argv.join(" ")} sent nothing`);
  return elapsed;
}
