/**
 * Echo latency (issue 14), what a person feels: line round trips through
 * `tp1 connect` ↔ `tp1 serve`, beside `nc` ↔ `nc -l`, driven by
 * bench/_echo_latency.py (blocking reads on pipes or a pty, nothing else).
 * A line goes in at the client, comes out at the server, is sent back by the
 * server and comes out at the client: one round trip. Two modes: piped (both
 * ends like netcat) and on a pseudo-terminal (tp1's interactive client and
 * server, a line typed, then Enter; nc on a pty too). The programs take turns,
 * round after round; p50 and p99 are over all round trips of all rounds.
 *
 *   deno task bench:echo
 *   TP1_ECHO_LINES=1000 TP1_ECHO_ROUNDS=3 deno run -A bench/echo_latency.ts
 *
 * Settings: TP1_ECHO_LINES (round trips per run, default 1000), TP1_ECHO_ROUNDS
 * (default 3), TP1_ECHO_BEFORE (the main.ts of another checkout, e.g. one made
 * with `git worktree add /tmp/before main`: measured too, as "before", taking
 * turns with the others, for before/after figures from the same conditions).
 * Goal: tp1's p50 within 0.2 ms of nc's, in both modes.
 *
 * On a terminal, "floor" is Deno's floor (bench/_deno_echo_floor.ts): a bare
 * interactive Deno pair, no line editor, no room; tp1 above it is tp1's own code.
 *
 * Beside the latencies: the CPU time the client and the server each use per
 * round trip (on a pty, echoing the typed line included). Two programs on a
 * 2-core machine often share one core, so a half's latency is close to the CPU
 * work done in it; that figure moves much less from run to run than a p50 does.
 */
import { available, freePort } from "./_chat_harness.ts";
import { envInteger } from "./_settings.ts";
import { TP1_COMMAND } from "./_tp1_command.ts";

const DRIVER = decodeURIComponent(new URL("_echo_latency.py", import.meta.url).pathname);
const FLOOR = decodeURIComponent(new URL("_deno_echo_floor.ts", import.meta.url).pathname);
const GOAL_MS = 0.2;

type Mode = "piped" | "pty";
type Tool = "tp1" | "nc" | "before" | "floor";

/** Another checkout's main.ts, measured as "before" (TP1_ECHO_BEFORE). */
const BEFORE_MAIN = Deno.env.get("TP1_ECHO_BEFORE");

function argvs(tool: Tool, port: number): [string[], string[]] {
  const p = String(port);
  if (tool === "nc") return [["nc", "-l", "127.0.0.1", p], ["nc", "127.0.0.1", p]];
  const command = tool === "before"
    ? [Deno.execPath(), "run", "--allow-all", BEFORE_MAIN!]
    : tool === "floor"
    ? [Deno.execPath(), "run", "--allow-all", FLOOR]
    : [...TP1_COMMAND];
  return [
    [...command, "serve", "--host", "127.0.0.1", "-p", p],
    [...command, "connect", "127.0.0.1", p],
  ];
}

/** What one run measured: each round trip's time, and CPU per round trip (null: unknown). */
interface RunResult {
  readonly rtts: number[];
  readonly cpu: { client: number | null; server: number | null };
}

/** One run: `lines` round trips, each one's time in µs and the CPU each program used. */
async function run(tool: Tool, mode: Mode, lines: number): Promise<RunResult> {
  const [server, client] = argvs(tool, freePort());
  const { stdout } = await new Deno.Command("python3", {
    args: [
      DRIVER,
      mode,
      String(lines),
      JSON.stringify(server),
      JSON.stringify(client),
      ...(tool === "nc" ? [] : ["from server: "]),
    ],
    stdout: "piped",
    stderr: "inherit",
    signal: AbortSignal.timeout(120_000),
  }).output();
  const result = JSON.parse(new TextDecoder().decode(stdout).trim() || '{"error":"no output"}');
  if (result.error) throw new Error(result.error);
  const [clientCpu = null, serverCpu = null] = result.cpu_us ?? [];
  return { rtts: result.rtts_us, cpu: { client: clientCpu, server: serverCpu } };
}

/** "client 190 µs, server 195 µs" of CPU per round trip, the mean of the runs that told it. */
function cpuText(runs: RunResult["cpu"][]): string {
  const mean = (side: "client" | "server") => {
    const known = runs.map((run) => run[side]).filter((v): v is number => v !== null);
    return known.length === 0
      ? "?"
      : `${(known.reduce((a, b) => a + b, 0) / known.length).toFixed(0)} µs`;
  };
  return `CPU per round trip: client ${mean("client")}, server ${mean("server")}`;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

if (import.meta.main) {
  const lines = Math.max(1, envInteger("TP1_ECHO_LINES", 1000));
  const rounds = Math.max(1, envInteger("TP1_ECHO_ROUNDS", 3));
  const tools: Tool[] = [
    "tp1",
    ...(available("nc") ? ["nc" as const] : []),
    ...(BEFORE_MAIN ? ["before" as const] : []),
  ];
  console.log(`echo latency: ${lines} line round trips per run, ${rounds} round(s), taking turns`);
  for (const mode of ["piped", "pty"] as const) {
    // Deno's floor is an interactive pair: measured on a terminal only.
    const measured: Tool[] = mode === "pty" ? [...tools, "floor"] : tools;
    const all = new Map<Tool, number[]>(measured.map((t) => [t, []]));
    const cpu = new Map<Tool, RunResult["cpu"][]>(measured.map((t) => [t, []]));
    for (let round = 1; round <= rounds; round++) {
      for (const tool of round % 2 === 1 ? measured : [...measured].reverse()) {
        try {
          const { rtts, cpu: used } = await run(tool, mode, lines);
          all.get(tool)!.push(...rtts);
          cpu.get(tool)!.push(used);
          console.log(
            `  ${mode.padEnd(5)} round ${round} ${tool.padEnd(6)} p50 ${
              (percentile(rtts, 50) / 1000).toFixed(3)
            } ms, p99 ${(percentile(rtts, 99) / 1000).toFixed(3)} ms; ${cpuText([used])}`,
          );
        } catch (error) {
          console.log(`  ${mode} round ${round} ${tool}: FAILED: ${(error as Error).message}`);
        }
      }
    }
    const p = (tool: Tool, q: number) => percentile(all.get(tool)!, q) / 1000;
    for (const tool of measured) {
      if (all.get(tool)!.length === 0) continue;
      console.log(
        `  ${mode.padEnd(5)} ${tool.padEnd(6)} p50 ${p(tool, 50).toFixed(3)} ms, p99 ${
          p(tool, 99).toFixed(3)
        } ms  (${all.get(tool)!.length} round trips); ${cpuText(cpu.get(tool)!)}`,
      );
    }
    if (all.get("nc")?.length && all.get("tp1")!.length) {
      const gap = p("tp1", 50) - p("nc", 50);
      console.log(
        `  ${mode.padEnd(5)} tp1 − nc at p50 = ${gap.toFixed(3)} ms  (goal ≤ ${GOAL_MS}: ${
          gap <= GOAL_MS ? "met" : "MISSED"
        }); ratio tp1 / nc at p50 = ${(p("tp1", 50) / p("nc", 50)).toFixed(2)}×`,
      );
    }
    if (all.get("floor")?.length && all.get("tp1")!.length) {
      const nc = all.get("nc")?.length
        ? `, Deno's floor − nc = ${(p("floor", 50) - p("nc", 50)).toFixed(3)} ms`
        : "";
      console.log(
        `  ${mode.padEnd(5)} tp1 − Deno's floor at p50 = ${
          (p("tp1", 50) - p("floor", 50)).toFixed(3)
        } ms${nc}`,
      );
    }
  }
}
