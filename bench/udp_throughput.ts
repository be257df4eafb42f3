/**
 * Issue 11's UDP goal, measured against nc -u and socat in the same run:
 * 100,000 datagrams of 1,000 bytes over loopback through `tp1 connect --udp`
 * → `tp1 serve --udp`, at least as many datagrams per second as `nc -u` → `nc -u -l`,
 * with no more loss.
 *
 *   deno task bench:udp
 *   TP1_BENCH_DATAGRAMS=20000 TP1_BENCH_ROUNDS=3 deno run -A bench/udp_throughput.ts
 *
 * TP1_BENCH_MIXED=1 also runs tp1 sending to nc and nc sending to tp1.
 *
 * The datagrams come from bench/_datagram_feed.py, one per read of the sender's
 * stdin. The receiver's stdout goes into a pipe this process counts (to measure
 * loss; nc and socat have no count of their own), and the rate is the bytes
 * received over the time from the first to the last arriving byte, in 1,000-byte
 * datagrams per second, so no tool's start-up time is counted. OpenBSD nc may send
 * several reads as one larger datagram when it falls behind; where tp1 receives
 * (-v), the number of datagrams that arrived is printed too. Loss is what the
 * receiver's kernel dropped because the receiver did not read fast enough: UDP has
 * no flow control, so a fast sender and a slow receiver lose datagrams, and
 * there is no retry. A missed goal is reported, not a failure (a shared machine
 * is noisy); exit status 1 only when a tool could not run.
 */
import { envInteger, median } from "./_settings.ts";
import { MAIN_TS, REPO_ROOT } from "./_tp1_command.ts";

const count = envInteger("TP1_BENCH_DATAGRAMS", 100_000);
const size = envInteger("TP1_BENCH_SIZE", 1000);
const rounds = Math.max(1, envInteger("TP1_BENCH_ROUNDS", 1));
/** Also run tp1 → nc and nc → tp1, to tell which end loses. */
const mixed = envInteger("TP1_BENCH_MIXED", 0) !== 0;
const FEED = decodeURIComponent(new URL("_datagram_feed.py", import.meta.url).pathname);
const TP1 = [Deno.execPath(), "run", "--allow-all", MAIN_TS];
/** After the sender exits, the receiver is done once nothing arrived for this long. */
const QUIET_MS = 500;

interface Tool {
  readonly name: string;
  receive(port: number): string[];
  send(port: number): string[];
}

const TOOLS: readonly Tool[] = [
  {
    name: "tp1",
    receive: (port) => [...TP1, "serve", "--udp", "-v", "-p", String(port), "--host", "127.0.0.1"],
    send: (port) => [...TP1, "connect", "--udp", "--linger", "0.1", "127.0.0.1", String(port)],
  },
  {
    name: "nc",
    receive: (port) => ["nc", "-u", "-l", "127.0.0.1", String(port)],
    send: (port) => ["nc", "-u", "-q", "0", "127.0.0.1", String(port)],
  },
  {
    name: "socat",
    receive: (port) => ["socat", "-u", `UDP-RECV:${port},bind=127.0.0.1`, "STDOUT"],
    send: (port) => ["socat", "-u", "STDIN", `UDP-SENDTO:127.0.0.1:${port}`],
  },
];

interface RoundResult {
  readonly rate: number;
  readonly loss: number;
  /** How many datagrams arrived, when the receiver (tp1 -v) says. */
  readonly datagrams?: number;
}

function freeUdpPort(): number {
  // A TCP port free now is very likely free for UDP too; the receiver fails loudly if not.
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

async function waitUntilBound(port: number): Promise<void> {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  for (let i = 0; i < 200; i++) {
    const table = await Deno.readTextFile("/proc/net/udp");
    if (table.includes(`:${hex} 00000000:0000 07`)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`nothing bound UDP port ${port}`);
}

async function runRound(sending: Tool, tool: Tool = sending): Promise<RoundResult> {
  const port = freeUdpPort();
  const [command, ...args] = tool.receive(port);
  const receiver = new Deno.Command(command, {
    args,
    cwd: REPO_ROOT,
    stdin: "piped",
    stdout: "piped",
    stderr: tool.name === "tp1" ? "piped" : "inherit",
  }).spawn();
  const report = tool.name === "tp1" ? new Response(receiver.stderr).text() : Promise.resolve("");
  let received = 0;
  let first = 0;
  let last = 0;
  const counting = (async () => {
    for await (const chunk of receiver.stdout) {
      last = performance.now();
      if (received === 0) first = last;
      received += chunk.length;
    }
  })();
  try {
    await waitUntilBound(port);
    const sender = new Deno.Command("python3", {
      args: [FEED, String(count), String(size), "--", ...sending.send(port)],
      cwd: REPO_ROOT,
      stdin: "null",
      stdout: "null",
      stderr: "inherit",
    });
    const { code } = await sender.output();
    if (code !== 0) throw new Error(`${tool.name}'s sender exited with ${code}`);
    while (performance.now() - Math.max(last, first) < QUIET_MS) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    receiver.kill("SIGTERM");
    await receiver.status;
    await counting.catch(() => undefined);
    await receiver.stdin.close().catch(() => undefined);
  }
  const seconds = Math.max(last - first, 1) / 1000;
  const arrived = /received (\d+) datagram/.exec(await report);
  return {
    rate: received / size / seconds,
    loss: 1 - received / (count * size),
    datagrams: arrived ? Number(arrived[1]) : undefined,
  };
}

/** `, 43,346 datagrams arrived` when the receiver counted them (fewer, larger ones: coalesced). */
function arrivedNote({ datagrams }: RoundResult): string {
  return datagrams === undefined ? "" : `, ${datagrams.toLocaleString("en")} datagrams arrived`;
}

if (import.meta.main) {
  console.log(
    `${count} datagrams of ${size} bytes over loopback UDP, ${rounds} round(s) per tool, ` +
      "each tool to itself",
  );
  const results = new Map<string, RoundResult[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const tool of TOOLS) {
      const result = await runRound(tool);
      results.set(tool.name, [...results.get(tool.name) ?? [], result]);
      console.log(
        `  round ${round} ${tool.name.padEnd(5)} ${Math.round(result.rate).toLocaleString("en")} ` +
          `datagrams/s, loss ${(result.loss * 100).toFixed(2)} %${arrivedNote(result)}`,
      );
    }
  }
  const summary = new Map(
    [...results].map(([name, list]) => [name, {
      rate: median(list.map((r) => r.rate)),
      loss: median(list.map((r) => r.loss)),
    }]),
  );
  const tp1 = summary.get("tp1")!;
  console.log("medians:");
  for (const [name, { rate, loss }] of summary) {
    const ratio = name === "tp1" ? "" : `   tp1/${name} rate ${(tp1.rate / rate).toFixed(2)}`;
    console.log(
      `  ${name.padEnd(5)} ${Math.round(rate).toLocaleString("en")} datagrams/s, loss ` +
        `${(loss * 100).toFixed(2)} %${ratio}`,
    );
  }
  if (mixed) {
    const [tp1Tool, ncTool] = TOOLS;
    for (const [from, to] of [[tp1Tool, ncTool], [ncTool, tp1Tool]]) {
      const result = await runRound(from, to);
      console.log(
        `  ${from.name} sending to ${to.name}: ${Math.round(result.rate).toLocaleString("en")} ` +
          `datagrams/s, loss ${(result.loss * 100).toFixed(2)} %${arrivedNote(result)}`,
      );
    }
  }
  const nc = summary.get("nc")!;
  const met = tp1.rate >= nc.rate && tp1.loss <= nc.loss;
  console.log(
    `goal (tp1 at least as fast as nc -u, no more loss): ${met ? "met" : "missed"}`,
  );
}
