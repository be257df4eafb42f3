/**
 * Start-up (issue 14): `tp1 --help` to exit, and `tp1 connect` from spawn to
 * the first byte arriving at a listener here, beside Deno's floor (`deno run`
 * of an empty module; and a one-line module that connects and writes a byte)
 * and ncat (`ncat --version`; `ncat HOST PORT` to its first byte). The
 * commands alternate, run after run, so they share the machine's load.
 *
 *   deno task bench:startup
 *   TP1_BENCH_STARTUP_RUNS=30 deno run -A bench/startup_first_byte.ts
 *
 * Settings: TP1_BENCH_STARTUP_RUNS (default 20, after 3 unmeasured warm-up
 * rounds). Goal: tp1's medians within 5 ms of the matching Deno floor.
 */
import { available } from "./_chat_harness.ts";
import { envInteger, median } from "./_settings.ts";
import {
  DENO_CONNECT_SOURCE,
  EMPTY_DENO_COMMAND,
  timeFirstByte,
  timeRun,
  TP1_COMMAND,
} from "./_tp1_command.ts";

const GOAL_MS = 5;
const WARMUP = 3;

/** Deno's floor for a client, as a module given on the command line. */
const DENO_CONNECT_MODULE = "data:text/javascript," + encodeURIComponent(DENO_CONNECT_SOURCE);

if (import.meta.main) {
  const runs = Math.max(1, envInteger("TP1_BENCH_STARTUP_RUNS", 20));
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = String(listener.addr.port);
  const exits: Record<string, string[]> = {
    "deno run (empty module)": [...EMPTY_DENO_COMMAND],
    "tp1 --help": [...TP1_COMMAND, "--help"],
  };
  const firsts: Record<string, string[]> = {
    "deno run (connect, write)": [Deno.execPath(), "run", "--allow-net", DENO_CONNECT_MODULE, port],
    "tp1 connect": [...TP1_COMMAND, "connect", "127.0.0.1", port],
  };
  if (available("ncat")) {
    exits["ncat --version"] = ["ncat", "--version"];
    firsts["ncat"] = ["ncat", "127.0.0.1", port];
  }
  const times = new Map<string, number[]>();
  console.log(`start-up: ${runs} runs of each (after ${WARMUP} warm-up rounds), alternating`);
  for (let round = 0; round < WARMUP + runs; round++) {
    for (const [name, argv] of Object.entries(exits)) {
      const ms = await timeRun(argv);
      if (round >= WARMUP) times.set(name, [...(times.get(name) ?? []), ms]);
    }
    for (const [name, argv] of Object.entries(firsts)) {
      const ms = await timeFirstByte(argv, listener);
      if (round >= WARMUP) times.set(name, [...(times.get(name) ?? []), ms]);
    }
  }
  listener.close();
  const med = (name: string) => median(times.get(name)!);
  console.log("  to exit:");
  for (const name of Object.keys(exits)) console.log(`    ${name.padEnd(27)} ${fmt(med(name))}`);
  console.log("  to the first byte at the server:");
  for (const name of Object.keys(firsts)) console.log(`    ${name.padEnd(27)} ${fmt(med(name))}`);
  for (
    const [tp1, floor] of [
      ["tp1 --help", "deno run (empty module)"],
      ["tp1 connect", "deno run (connect, write)"],
    ]
  ) {
    const gap = med(tp1) - med(floor);
    console.log(
      `  ${tp1} − ${floor} = ${gap.toFixed(1)} ms  (goal ≤ ${GOAL_MS}: ${
        gap <= GOAL_MS ? "met" : "MISSED"
      })`,
    );
  }
}

function fmt(ms: number): string {
  return `median ${ms.toFixed(1).padStart(6)} ms`;
}
