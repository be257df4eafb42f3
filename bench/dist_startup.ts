/**
 * Start-up of the file a student copies (dist/tp1-linux-<arch>, from `deno task dist`) beside
 * `deno run main.ts --help`. Goal (issue 13): the artifact's `--help`, after its first run, within
 * 10 ms of `deno run main.ts --help` (median). Also times the first run (unpack into an empty
 * cache) a few times, for the README.
 *
 *   deno task dist x86_64 && deno task bench:dist
 *
 * Settings: TP1_BENCH_STARTUP_RUNS (default 30, after 3 unmeasured warm-up runs; the two commands
 * alternate so both see the same load), TP1_BENCH_FIRST_RUNS (default 3), TP1_DIST_FILE (default
 * dist/tp1-linux-<this machine's arch>).
 */
import { envInteger, median } from "./_settings.ts";
import { REPO_ROOT, timeRun, TP1_COMMAND } from "./_tp1_command.ts";

const GOAL_MS = 10;
const WARMUP = 3;

const runs = Math.max(1, envInteger("TP1_BENCH_STARTUP_RUNS", 30));
const firstRuns = Math.max(1, envInteger("TP1_BENCH_FIRST_RUNS", 3));
const arch = Deno.build.arch === "aarch64" ? "aarch64" : "x86_64";
const file = Deno.env.get("TP1_DIST_FILE") ||
  decodeURIComponent(new URL(`dist/tp1-linux-${arch}`, REPO_ROOT).pathname);

/** Runs `argv` with `home` as HOME (when given), output discarded; resolves to the wall time in ms. */
function timeWithHome(argv: readonly string[], home?: string): Promise<number> {
  return timeRun(argv, home === undefined ? {} : { HOME: home });
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
    const artifactHelp = [file, "--help"];
    const sourceHelp = [...TP1_COMMAND, "--help"];
    console.log(
      `${file} (${(size / 1e6).toFixed(1)} MB): timing ${runs} runs each of its --help (cache ` +
        `unpacked) and of "deno run --allow-all main.ts --help" (after ${WARMUP} warm-up runs)`,
    );
    for (let i = 0; i < WARMUP; i++) {
      await timeWithHome(artifactHelp, home);
      await timeWithHome(sourceHelp);
    }
    const artifact: number[] = [];
    const source: number[] = [];
    for (let i = 0; i < runs; i++) {
      artifact.push(await timeWithHome(artifactHelp, home));
      source.push(await timeWithHome(sourceHelp));
    }
    const gap = median(artifact) - median(source);
    console.log(`first run (unpack into an empty cache): ${summary(first)}`);
    console.log(`artifact --help, later runs:            ${summary(artifact)}`);
    console.log(`deno run main.ts --help:                ${summary(source)}`);
    console.log(
      `artifact minus source: ${gap.toFixed(1)} ms   goal <= ${GOAL_MS} ms: ${
        gap <= GOAL_MS ? "met" : "MISSED"
      }`,
    );
  } finally {
    for (const home of homes) await Deno.remove(home, { recursive: true });
  }
}
