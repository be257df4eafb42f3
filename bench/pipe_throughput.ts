/**
 * The piped-mode goals of issue 2, measured against netcat in the same run:
 * 1 GiB through `tp1 connect` → `tp1 serve` on loopback at least as fast as
 * through `nc -N` → `nc -l`, and neither tp1 process above 100 MB peak RSS.
 *
 *   deno task bench:goals                       (this and the startup benchmark)
 *   TP1_BENCH_MIB=64 TP1_BENCH_ROUNDS=1 deno run -A bench/pipe_throughput.ts
 *
 * Settings: TP1_BENCH_MIB (default 1024), TP1_BENCH_ROUNDS (default 5; nc and tp1
 * alternate, the medians are compared), TP1_BENCH_CHECKED=0 skips the extra round
 * per tool whose output goes into a pipe and is checked byte for byte,
 * TP1_BENCH_FEEDER=harness has this process write the input instead of `cat`.
 * Exit status 1 if a transfer failed or corrupted data; a missed goal is reported
 * but is not a failure, since timings on a shared machine are noisy.
 * tp1 runs with --allow-all, as the compiled binary does; piped mode's 1 MiB
 * pipes need --allow-ffi (see src/pipe/pipe_capacity.ts).
 */
import { patternBlock } from "./_pattern.ts";
import {
  InputFeed,
  NC,
  type PipeTool,
  pipeTransfer,
  TP1,
  type TransferResult,
} from "./_pipe_transfer.ts";
import type { ProcessUsage } from "./_process_sampler.ts";
import { envFeeder, envInteger, median } from "./_settings.ts";

const GOAL_RATIO = 1.0;
const GOAL_RSS_MB = 100;

const mib = envInteger("TP1_BENCH_MIB", 1024);
const rounds = Math.max(1, envInteger("TP1_BENCH_ROUNDS", 5));
const checked = envInteger("TP1_BENCH_CHECKED", 1) !== 0;

if (import.meta.main) {
  using input = new InputFeed(envFeeder(), patternBlock());
  console.log(
    `piping ${mib} MiB through loopback TCP, ${rounds} round(s), nc and tp1 alternating; ` +
      `input from ${input.kind === "cat" ? "cat" : "this process"}, output to /dev/null`,
  );
  const results: Record<string, TransferResult[]> = { nc: [], tp1: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const tool of [NC, TP1]) {
      const result = await pipeTransfer(tool, input, mib, "devnull");
      results[tool.name].push(result);
      console.log(`  round ${round} ${describe(result)}`);
    }
  }
  const checkedResults: Record<string, TransferResult | undefined> = {};
  if (checked) {
    console.log("output into a pipe, checked byte for byte against the input:");
    for (const tool of [NC, TP1]) {
      const result = await pipeTransfer(tool, input, mib, "checked-pipe");
      checkedResults[tool.name] = result;
      console.log(`  ${describe(result)}  (identical)`);
    }
  }

  const ncSpeed = median(results.nc.map((r) => r.mibPerSecond));
  const tp1Speed = median(results.tp1.map((r) => r.mibPerSecond));
  const ratio = tp1Speed / ncSpeed;
  const peakMb = (tool: PipeTool, side: "server" | "client") => {
    const extra = checkedResults[tool.name];
    const all = [...results[tool.name], ...(extra ? [extra] : [])].map((r) => r[side].peakRssKiB);
    return kibToMb(Math.max(...all));
  };
  const tp1Server = peakMb(TP1, "server");
  const tp1Client = peakMb(TP1, "client");

  console.log(`\nmedians over ${rounds} round(s) of ${mib} MiB:`);
  console.log(
    `tp1 ${tp1Speed.toFixed(0)} MiB/s, nc ${ncSpeed.toFixed(0)} MiB/s, ratio ${
      ratio.toFixed(2)
    }×   goal ≥ ${GOAL_RATIO.toFixed(1)}×: ${ratio >= GOAL_RATIO ? "met" : "MISSED"}`,
  );
  console.log(
    `peak RSS: tp1 serve ${tp1Server.toFixed(1)} MB, tp1 connect ${tp1Client.toFixed(1)} MB ` +
      `(nc -l ${peakMb(NC, "server").toFixed(1)} MB, nc -N ${
        peakMb(NC, "client").toFixed(1)
      } MB)   goal ≤ ${GOAL_RSS_MB} MB: ${
        Math.max(tp1Server, tp1Client) <= GOAL_RSS_MB ? "met" : "MISSED"
      }`,
  );
  if (checked) {
    const nc = checkedResults.nc!.mibPerSecond;
    const tp1 = checkedResults.tp1!.mibPerSecond;
    console.log(
      `into a checked pipe (one round, informative): tp1 ${tp1.toFixed(0)} MiB/s, ` +
        `nc ${nc.toFixed(0)} MiB/s, ratio ${(tp1 / nc).toFixed(2)}×`,
    );
  }
}

function describe(r: TransferResult): string {
  return `${r.tool.padEnd(3)} ${r.mibPerSecond.toFixed(0).padStart(5)} MiB/s ` +
    `(${r.seconds.toFixed(2)} s; server ${usage(r.server)}; client ${usage(r.client)})`;
}

function usage(u: ProcessUsage): string {
  return `${u.cpuSeconds.toFixed(2)} CPU-s, peak RSS ${kibToMb(u.peakRssKiB).toFixed(1)} MB`;
}

function kibToMb(kib: number): number {
  return kib * 1024 / 1e6;
}
