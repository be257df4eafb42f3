/**
 * Fan-out, issue 3's goal: N receivers connected, one sender writes M lines of
 * 40 bytes; the time until every receiver has all M lines. tp1 serve --chat
 * against ncat --chat (and ncat --broker, which relays raw bytes without names,
 * and the bare Deno relay, the floor), measured in the same run, with the
 * servers taking turns round after round.
 *
 *   deno task bench:chat                          (N=100 M=10000, then N=1000 M=2000)
 *   TP1_CHAT_N=50 TP1_CHAT_M=1000 TP1_CHAT_ROUNDS=1 deno run -A bench/chat_fanout.ts
 *
 * Settings: TP1_CHAT_N and TP1_CHAT_M (both given: that one case only),
 * TP1_CHAT_ROUNDS (default 5; medians are compared), TP1_CHAT_SERVERS (default
 * "tp1,ncat-chat,ncat-broker,deno-relay"; with TP1_BASELINE_MAIN=path/to/other/main.ts,
 * "tp1-baseline" too: that checkout, measured in the same run). Goals as in
 * chat_fanout_marker.ts (issue 14); besides the times, this one samples the
 * server's peak RSS and CPU, and gives the CPU time of each transfer, the
 * server's and the receivers' (all in this one process: when theirs is close
 * to the wall time, they set the pace, not the server).
 * A missed goal is reported, not a failure: timings on a shared machine are
 * noisy. Exit status 1 if a tp1 run lost lines or a receiver.
 */
import { delay } from "../src/io/delay.ts";
import {
  chatCases,
  chatRounds,
  chatServers,
  connectMany,
  connectWindow,
  type CountingClient,
  freePort,
  greets,
  ms,
  quiet,
  reportMedians,
  type ServerKind,
  ServerProcess,
  takeTurns,
  writeAll,
} from "./_chat_harness.ts";
import { ProcessSampler } from "./_process_sampler.ts";
import { cpuMs } from "./_cpu_time.ts";
import { median } from "./_settings.ts";

const LINE_BYTES = 40;
const TIMEOUT_MS = 180_000;
const READY = "ready-marker";

interface RunResult {
  /** The first transfer after the server started (its code not yet optimised by V8's JIT). */
  readonly firstMs: number;
  /** The same transfer again, on the same server and clients (steady state). */
  readonly secondMs: number;
  readonly peakRssMiB: number;
  readonly cpuSeconds: number;
  /** The CPU time of each transfer: the server's, and this process's (the receivers and sender). */
  readonly first: TransferCpu;
  readonly second: TransferCpu;
}

interface TransferCpu {
  readonly ms: number;
  readonly serverCpuMs: number;
  readonly receiversCpuMs: number;
}

/** One run: start a server, connect, settle, then time two transfers of `lines` lines. */
async function runOnce(kind: ServerKind, receivers: number, lines: number): Promise<RunResult> {
  const port = freePort();
  await using server = new ServerProcess(kind, port, receivers + 10);
  await server.listening();
  const sampler = new ProcessSampler(server.child.pid, 20);
  const clients = await connectMany(port, receivers, {
    greeted: greets(kind),
    parallel: connectWindow(kind),
    bufferSize: 256 * 1024,
  });
  const sender = await Deno.connect({ hostname: "127.0.0.1", port });
  // The sender drains what it is sent (announcements) so the server never waits on it.
  const senderDrain = (async () => {
    const scrap = new Uint8Array(16 * 1024);
    try {
      while (await sender.read(scrap) !== null) { /* discard */ }
    } catch { /* closed */ }
  })();
  try {
    // Every receiver is in the room once it hears the sender (ncat can take a
    // while to accept a burst of clients); then the join announcements settle.
    let allReady = false;
    const ready = Promise.all(clients.map((c) => c.untilMarker(READY))).then(() => allReady = true);
    while (!allReady) {
      await writeAll(sender, new TextEncoder().encode(READY + "\n"));
      await Promise.race([ready, delay(200)]);
    }
    const payload = payloadLines(lines);
    const first = await transfer(kind, server.child.pid, clients, sender, payload, lines);
    const second = await transfer(kind, server.child.pid, clients, sender, payload, lines);
    const usage = sampler.stop();
    return {
      firstMs: first.ms,
      secondMs: second.ms,
      peakRssMiB: usage.peakRssKiB / 1024,
      cpuSeconds: usage.cpuSeconds,
      first,
      second,
    };
  } finally {
    sampler.stop();
    for (const client of clients) client.close();
    try {
      sender.close();
    } catch { /* closed */ }
    await senderDrain;
    await Promise.all(clients.map((c) => c.done));
  }
}

/**
 * Sends `payload` once the room is quiet; resolves to the ms until every
 * receiver has it all, and what that cost the server and this process in CPU.
 */
async function transfer(
  kind: ServerKind,
  serverPid: number,
  clients: CountingClient[],
  sender: Deno.TcpConn,
  payload: Uint8Array,
  lines: number,
): Promise<TransferCpu> {
  await quiet(clients);
  for (const client of clients) client.reset();
  const lastLine = new TextDecoder().decode(payload.subarray(payload.length - LINE_BYTES));
  const everyone = Promise.all(clients.map((c) => c.untilEndsWith(lastLine)));
  const serverBefore = cpuMs(serverPid);
  const receiversBefore = cpuMs();
  const started = performance.now();
  await writeAll(sender, payload);
  const outcome = await Promise.race([everyone.then(() => "done"), delay(TIMEOUT_MS)]);
  const ms = performance.now() - started;
  const serverCpuMs = cpuMs(serverPid) - serverBefore;
  const receiversCpuMs = cpuMs() - receiversBefore;
  // Every line is at least its 40 bytes (tp1 and ncat --chat add a name): fewer means lost lines.
  const short = clients.filter((c) => c.bytes < lines * LINE_BYTES);
  if (outcome !== "done" || short.length > 0) {
    const example = short[0] ?? clients[0];
    throw new Error(
      `${kind}: ${short.length} of ${clients.length} receivers lack lines ` +
        `(e.g. ${example.bytes} bytes of at least ${lines * LINE_BYTES}; ` +
        `connection ${example.end ?? "open"})`,
    );
  }
  return { ms, serverCpuMs, receiversCpuMs };
}

/** A run's CPU times for the first and second transfers, as "a, b ms". */
function cpuPair(r: RunResult, key: "serverCpuMs" | "receiversCpuMs"): string {
  return `${r.first[key].toFixed(0)}, ${r.second[key].toFixed(0)} ms`;
}

/** `lines` lines of exactly 40 bytes each, newline included. */
function payloadLines(lines: number): Uint8Array {
  let text = "";
  for (let i = 0; i < lines; i++) {
    text += `line ${String(i).padStart(7, "0")} `.padEnd(LINE_BYTES - 1, "x") + "\n";
  }
  return new TextEncoder().encode(text);
}

async function benchCase(
  receivers: number,
  lines: number,
  rounds: number,
  kinds: ServerKind[],
): Promise<boolean> {
  console.log(
    `\nfan-out: ${receivers} receivers, 1 sender, ${lines} lines of ${LINE_BYTES} bytes; ` +
      `${rounds} round(s), servers taking turns`,
  );
  const { results, ok } = await takeTurns(
    kinds,
    rounds,
    (kind) => runOnce(kind, receivers, lines),
    (r) =>
      `first ${ms(r.firstMs)}, second ${ms(r.secondMs)}   server peak RSS ${
        r.peakRssMiB.toFixed(0)
      } MiB, CPU ${r.cpuSeconds.toFixed(2)} s; CPU in the transfers: server ${
        cpuPair(r, "serverCpuMs")
      }, receivers ${cpuPair(r, "receiversCpuMs")}`,
  );
  const perReceiver = (time: number) =>
    `  (${((lines * 1000) / time).toFixed(0)} lines/s to each receiver)`;
  reportMedians("first transfer after the server started", results, (r) => r.firstMs, perReceiver);
  reportMedians("second transfer (steady state)", results, (r) => r.secondMs, perReceiver);
  // The receivers share this one process: when their CPU time is close to the
  // wall time, they (not the server) set the pace, whatever the server.
  for (
    const [which, pick] of [["first", (r: RunResult) => r.first], [
      "second",
      (r: RunResult) => r.second,
    ]] as const
  ) {
    console.log(`  medians, CPU time during the ${which} transfer (server / receivers, wall):`);
    for (const [kind, runs] of results) {
      if (runs.length === 0) continue;
      const of = (key: keyof TransferCpu) => median(runs.map((r) => pick(r)[key]));
      console.log(
        `    ${kind.padEnd(11)} ${ms(of("serverCpuMs"))} / ${ms(of("receiversCpuMs"))}, ${
          ms(of("ms"))
        }`,
      );
    }
  }
  return ok;
}

if (import.meta.main) {
  const rounds = chatRounds(5);
  const kinds = chatServers();
  let ok = true;
  for (const [receivers, lines] of chatCases()) {
    ok = await benchCase(receivers, lines, rounds, kinds) && ok;
  }
  Deno.exit(ok ? 0 : 1);
}
