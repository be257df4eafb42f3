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
 * "tp1,ncat-chat,ncat-broker,deno-relay"). Goals as in chat_fanout_marker.ts
 * (issue 14); besides the times, this one samples the server's peak RSS and CPU.
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
    const firstMs = await transfer(kind, clients, sender, payload, lines);
    const secondMs = await transfer(kind, clients, sender, payload, lines);
    const usage = sampler.stop();
    return { firstMs, secondMs, peakRssMiB: usage.peakRssKiB / 1024, cpuSeconds: usage.cpuSeconds };
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

/** Sends `payload` once the room is quiet; resolves to the ms until every receiver has it all. */
async function transfer(
  kind: ServerKind,
  clients: CountingClient[],
  sender: Deno.TcpConn,
  payload: Uint8Array,
  lines: number,
): Promise<number> {
  await quiet(clients);
  for (const client of clients) client.reset();
  const lastLine = new TextDecoder().decode(payload.subarray(payload.length - LINE_BYTES));
  const everyone = Promise.all(clients.map((c) => c.untilEndsWith(lastLine)));
  const started = performance.now();
  await writeAll(sender, payload);
  const outcome = await Promise.race([everyone.then(() => "done"), delay(TIMEOUT_MS)]);
  const ms = performance.now() - started;
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
  return ms;
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
      } MiB, CPU ${r.cpuSeconds.toFixed(2)} s`,
  );
  const perReceiver = (time: number) =>
    `  (${((lines * 1000) / time).toFixed(0)} lines/s to each receiver)`;
  reportMedians("first transfer after the server started", results, (r) => r.firstMs, perReceiver);
  reportMedians("second transfer (steady state)", results, (r) => r.secondMs, perReceiver);
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
