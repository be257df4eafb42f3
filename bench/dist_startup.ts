/**
 * Start-up of the file a student copies (dist/tp1-linux-<arch>, from `deno task dist`), once its
 * first run has unpacked it:
 * - its `--help` beside `deno run main.ts --help`. Goal (issue 13): within 10 ms (median).
 * - its `--help` beside its floor: the same runtime, flags and environment the launcher gives it
 *   (scripts/dist_launcher.sh) running an empty module, started directly (no sh launcher); and a
 *   piped `connect 127.0.0.1 PORT` from spawn to the first byte at a listener here, beside the
 *   same runtime running a module that connects and writes one byte. Goal (issue 14): within 5 ms.
 * Also times the first run (unpack into an empty cache) a few times, for the README.
 *
 *   deno task dist x86_64 && deno task bench:dist
 *
 * Settings: TP1_BENCH_STARTUP_RUNS (default 30, after 3 unmeasured warm-up rounds; the commands
 * alternate so all see the same load), TP1_BENCH_FIRST_RUNS (default 3), TP1_DIST_FILE (default
 * dist/tp1-linux-<this machine's arch>).
 */
import { envInteger, median } from "./_settings.ts";
import { V8_FLAGS } from "../scripts/v8_flags.ts";
import {
  DENO_CONNECT_SOURCE,
  REPO_ROOT,
  timeFirstByte,
  timeRun,
  TP1_COMMAND,
} from "./_tp1_command.ts";

const GOAL_MS = 10;
const FLOOR_GOAL_MS = 5;
const WARMUP = 3;

const runs = Math.max(1, envInteger("TP1_BENCH_STARTUP_RUNS", 30));
const firstRuns = Math.max(1, envInteger("TP1_BENCH_FIRST_RUNS", 3));
const arch = Deno.build.arch === "aarch64" ? "aarch64" : "x86_64";
const file = Deno.env.get("TP1_DIST_FILE") ||
  decodeURIComponent(new URL(`dist/tp1-linux-${arch}`, REPO_ROOT).pathname);

/**
 * The environment of a run with `home` as HOME, so that the artifact unpacks under it
 * (XDG_CACHE_HOME and TP1_CACHE_DIR, if this shell has them, would choose another place).
 */
function homeEnv(home: string): Record<string, string> {
  return { HOME: home, XDG_CACHE_HOME: "", TP1_CACHE_DIR: "" };
}

/** Runs `argv` with `home` as HOME (when given), output discarded; resolves to the wall time in ms. */
function timeWithHome(argv: readonly string[], home?: string): Promise<number> {
  return timeRun(argv, home === undefined ? {} : homeEnv(home));
}

/** The unpacked cache entry under `home` (the directory holding the runtime `tp1` and `app/`). */
async function unpackedEntry(home: string): Promise<string> {
  const base = `${home}/.cache/tp1`;
  for await (const entry of Deno.readDir(base)) {
    if (entry.isDirectory && !entry.name.startsWith(".")) return `${base}/${entry.name}`;
  }
  throw new Error(`no unpacked entry in ${base}`);
}

/**
 * How the launcher starts the runtime of `entry` on `module` (its start(), in
 * scripts/dist_launcher.sh): the command and the environment it adds.
 */
function runtimeCommand(
  entry: string,
  module: string,
): { argv: string[]; env: Record<string, string> } {
  return {
    argv: [
      `${entry}/tp1`,
      "run",
      "--quiet",
      "--unstable-lazy-dynamic-imports",
      "--allow-all",
      `--v8-flags=${V8_FLAGS}`,
      "--no-config",
      "--no-lock",
      "--no-remote",
      "--no-npm",
      module,
    ],
    env: {
      DENO_DIR: `${entry}/deno_dir`,
      DENO_NO_UPDATE_CHECK: "1",
      DENO_NO_PACKAGE_JSON: "1",
      DENO_NO_PROMPT: "1",
    },
  };
}

function summary(values: readonly number[]): string {
  return `median ${median(values).toFixed(1)} ms (min ${Math.min(...values).toFixed(1)}, max ${
    Math.max(...values).toFixed(1)
  })`;
}

if (import.meta.main) {
  try {
    await Deno.stat(file);
  } catch {
    console.error(`no ${file}: run "deno task dist ${arch}" first`);
    Deno.exit(1);
  }
  const size = (await Deno.stat(file)).size;
  const homes: string[] = [];
  try {
    const first: number[] = [];
    for (let i = 0; i < firstRuns; i++) {
      const home = await Deno.makeTempDir({ prefix: "tp1-bench-dist-" });
      homes.push(home);
      first.push(await timeWithHome([file, "--help"], home));
    }
    const home = homes[0];
    const entry = await unpackedEntry(home);
    await Deno.writeTextFile(`${home}/empty.js`, "");
    await Deno.writeTextFile(`${home}/connect.js`, DENO_CONNECT_SOURCE);
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const port = String(listener.addr.port);
    const floor = runtimeCommand(entry, `${home}/empty.js`);
    const floorConnect = runtimeCommand(entry, `${home}/connect.js`);
    const exits: Record<string, () => Promise<number>> = {
      "artifact --help": () => timeWithHome([file, "--help"], home),
      "deno run main.ts --help": () => timeWithHome([...TP1_COMMAND, "--help"]),
      "floor: runtime, empty module": () => timeRun(floor.argv, floor.env),
    };
    const firsts: Record<string, () => Promise<number>> = {
      "artifact connect": () =>
        timeFirstByte([file, "connect", "127.0.0.1", port], listener, homeEnv(home)),
      "floor: runtime, connect+write": () =>
        timeFirstByte([...floorConnect.argv, port], listener, floorConnect.env),
    };
    console.log(
      `${file} (${(size / 1e6).toFixed(1)} MB): ${runs} runs of each (cache unpacked; after ` +
        `${WARMUP} warm-up rounds), alternating`,
    );
    const times = new Map<string, number[]>();
    for (let round = 0; round < WARMUP + runs; round++) {
      for (const [name, run] of Object.entries({ ...exits, ...firsts })) {
        const ms = await run();
        if (round >= WARMUP) times.set(name, [...(times.get(name) ?? []), ms]);
      }
    }
    listener.close();
    const med = (name: string) => median(times.get(name)!);
    console.log(`first run (unpack into an empty cache): ${summary(first)}`);
    console.log("to exit:");
    for (const name of Object.keys(exits)) {
      console.log(`  ${name.padEnd(30)} ${summary(times.get(name)!)}`);
    }
    console.log("to the first byte at the server:");
    for (const name of Object.keys(firsts)) {
      console.log(`  ${name.padEnd(30)} ${summary(times.get(name)!)}`);
    }
    const gaps: [string, string, number][] = [
      ["artifact --help", "deno run main.ts --help", GOAL_MS],
      ["artifact --help", "floor: runtime, empty module", FLOOR_GOAL_MS],
      ["artifact connect", "floor: runtime, connect+write", FLOOR_GOAL_MS],
    ];
    for (const [product, base, goal] of gaps) {
      const gap = med(product) - med(base);
      console.log(
        `${product} minus ${base}: ${gap.toFixed(1)} ms   goal <= ${goal} ms: ${
          gap <= goal ? "met" : "MISSED"
        }`,
      );
    }
  } finally {
    for (const home of homes) await Deno.remove(home, { recursive: true });
  }
}
