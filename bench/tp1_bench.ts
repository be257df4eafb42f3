/**
 * `deno task bench`: the issue-2 comparisons in `deno bench` form, each group
 * with its reference as the baseline, so the summary prints tp1's ratio to it.
 * The goal checks with MiB/s, peak RSS and medians are `deno task bench:goals`.
 *
 * Settings: TP1_BENCH_MIB (default 1024, per iteration), TP1_BENCH_ROUNDS
 * (default 3 iterations of each transfer), TP1_BENCH_FEEDER (`cat` or `harness`).
 */
import { patternBlock } from "./_pattern.ts";
import { InputFeed, NC, type PipeTool, pipeTransfer, TP1 } from "./_pipe_transfer.ts";
import { envFeeder, envInteger } from "./_settings.ts";
import { EMPTY_DENO_COMMAND, timeRun, TP1_COMMAND } from "./_tp1_command.ts";

const mib = envInteger("TP1_BENCH_MIB", 1024);
const rounds = Math.max(1, envInteger("TP1_BENCH_ROUNDS", 3));
// Removed when the process exits; deno bench has no hook after the last bench.
const input = new InputFeed(envFeeder(), patternBlock());
globalThis.addEventListener("unload", () => input[Symbol.dispose]());

for (const [tool, baseline] of [[NC, true], [TP1, false]] as [PipeTool, boolean][]) {
  Deno.bench({
    name: `${tool.name}: ${mib} MiB client → server over loopback`,
    group: "pipe",
    baseline,
    n: rounds,
    warmup: 1,
    async fn() {
      await pipeTransfer(tool, input, mib, "devnull");
    },
  });
}

Deno.bench({
  name: "deno run of an empty module",
  group: "startup",
  baseline: true,
  n: 20,
  warmup: 3,
  async fn() {
    await timeRun(EMPTY_DENO_COMMAND);
  },
});

Deno.bench({
  name: "tp1 --help",
  group: "startup",
  n: 20,
  warmup: 3,
  async fn() {
    await timeRun([...TP1_COMMAND, "--help"]);
  },
});
