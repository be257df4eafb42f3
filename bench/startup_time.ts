/**
 * The startup goal of issue 2: `deno run main.ts --help` takes under 60 ms
 * (median, warm cache). Also times `deno run` of an empty module, the floor that
 * no change to tp1 can go below, so the figure can be read on a loaded machine.
 *
 *   deno task bench:goals                       (this and the pipe benchmark)
 *   TP1_BENCH_STARTUP_RUNS=50 deno run -A bench/startup_time.ts
 *
 * Settings: TP1_BENCH_STARTUP_RUNS (default 30, after 3 unmeasured warm-up runs;
 * the two commands alternate so both see the same load).
 */
import { envInteger, median } from "./_settings.ts";
import { EMPTY_DENO_COMMAND, timeRun, TP1_COMMAND } from "./_tp1_command.ts";

const GOAL_MS = 60;
const WARMUP = 3;

const runs = Math.max(1, envInteger("TP1_BENCH_STARTUP_RUNS", 30));
const tp1Help = [...TP1_COMMAND, "--help"];

if (import.meta.main) {
  console.log(
    `timing ${runs} runs each of "deno run --allow-all main.ts --help" and of an empty module ` +
      `(after ${WARMUP} warm-up runs)`,
  );
  for (let i = 0; i < WARMUP; i++) {
    await timeRun(tp1Help);
    await timeRun(EMPTY_DENO_COMMAND);
  }
  const tp1: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < runs; i++) {
    tp1.push(await timeRun(tp1Help));
    floor.push(await timeRun(EMPTY_DENO_COMMAND));
  }
  const tp1Median = median(tp1);
  const floorMedian = median(floor);
  console.log(
    `tp1 --help: median ${tp1Median.toFixed(1)} ms (min ${Math.min(...tp1).toFixed(1)}, ` +
      `max ${Math.max(...tp1).toFixed(1)})   goal < ${GOAL_MS} ms: ${
        tp1Median < GOAL_MS ? "met" : "MISSED"
      }`,
  );
  console.log(
    `empty module: median ${floorMedian.toFixed(1)} ms, so tp1's own share is ` +
      `${(tp1Median - floorMedian).toFixed(1)} ms`,
  );
}
