/**
 * Fan-out with an independent receiver (issue 14): N receivers and one sender
 * live in one Python process (bench/_fanout_receiver.py) that only counts bytes
 * and compares the tail of each read with the last line, using native calls,
 * so what is measured is the server, not a Deno harness sharing its runtime.
 * bench/chat_fanout.ts measures the same transfer with Deno receivers (one
 * promise per read per receiver), which flatters a server that writes in big
 * batches; this one is the figure to quote.
 *
 *   deno task bench:chat-marker                    (N=100 M=10000, then N=1000 M=2000)
 *   TP1_CHAT_N=100 TP1_CHAT_M=10000 TP1_CHAT_ROUNDS=3 deno run -A bench/chat_fanout_marker.ts
 *
 * Settings: TP1_CHAT_N and TP1_CHAT_M (both given: that case only), TP1_CHAT_ROUNDS
 * (default 3; medians are compared), TP1_CHAT_SERVERS (default
 * "tp1,ncat-chat,ncat-broker,deno-relay"; with TP1_BASELINE_MAIN=path/to/other/main.ts,
 * "tp1-baseline" too: that checkout, measured in the same run). Goals: ncat
 * --chat's time ≥ 1.5 × tp1's, ncat --broker's ≥ tp1's, for the first transfer
 * after the server started and for the second; the Deno relay is the floor.
 * The server's CPU time during each transfer is reported too (less noisy than
 * wall time on a shared machine). A missed goal is reported, not a failure;
 * exit status 1 if a tp1 run lost lines or a receiver.
 */
import {
  chatCases,
  chatRounds,
  chatServers,
  connectWindow,
  freePort,
  greets,
  ms,
  reportMedians,
  type ServerKind,
  ServerProcess,
  takeTurns,
} from "./_chat_harness.ts";

const RECEIVER = decodeURIComponent(new URL("_fanout_receiver.py", import.meta.url).pathname);

const TIMEOUT_MS = 240_000;

interface Transfers {
  readonly first: number;
  readonly second: number;
  /** The server's CPU time (all threads) during each transfer: not slowed by others' turns. */
  readonly firstCpu: number;
  readonly secondCpu: number;
}

/** One run: a fresh server, the Python receivers, two timed transfers. */
async function runOnce(kind: ServerKind, receivers: number, lines: number): Promise<Transfers> {
  const port = freePort();
  await using server = new ServerProcess(kind, port, receivers + 10);
  await server.listening();
  const window = connectWindow(kind);
  const { stdout } = await new Deno.Command("python3", {
    args: [
      RECEIVER,
      String(port),
      String(receivers),
      String(lines),
      String(window),
      greets(kind) ? "1" : "0",
      String(server.child.pid),
    ],
    stdout: "piped",
    stderr: "inherit",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  }).output();
  const result = JSON.parse(new TextDecoder().decode(stdout).trim() || '{"error":"no output"}');
  if (result.error) throw new Error(result.error);
  return {
    first: result.first_ms,
    second: result.second_ms,
    firstCpu: result.first_cpu_ms,
    secondCpu: result.second_cpu_ms,
  };
}

async function benchCase(n: number, m: number, rounds: number, kinds: ServerKind[]) {
  console.log(
    `\nfan-out (Python marker receiver): ${n} receivers, ${m} lines of 40 bytes; ` +
      `${rounds} round(s), servers taking turns`,
  );
  const { results, ok } = await takeTurns(
    kinds,
    rounds,
    (kind) => runOnce(kind, n, m),
    (t) =>
      `first ${ms(t.first)}, second ${ms(t.second)}   ` +
      `server CPU ${ms(t.firstCpu)}, ${ms(t.secondCpu)}`,
  );
  reportMedians("first transfer", results, (t) => t.first);
  reportMedians("second transfer", results, (t) => t.second);
  const noNote = () => "";
  reportMedians("server CPU time, first transfer", results, (t) => t.firstCpu, noNote, false);
  reportMedians("server CPU time, second transfer", results, (t) => t.secondCpu, noNote, false);
  return ok;
}

if (import.meta.main) {
  const rounds = chatRounds(3);
  const kinds = chatServers();
  let ok = true;
  for (const [receivers, lines] of chatCases()) {
    ok = await benchCase(receivers, lines, rounds, kinds) && ok;
  }
  Deno.exit(ok ? 0 : 1);
}
