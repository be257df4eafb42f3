/**
 * Scale, issue 3's goal: 10,000 idle clients connected to one tp1 serve --chat;
 * one client's line must reach all the others within 1 s, and the server's
 * peak RSS stay under 300 MB.
 *
 *   deno task bench:chat-scale
 *   TP1_SCALE_CLIENTS=2000 TP1_SCALE_ROUNDS=3 deno run -A bench/chat_scale.ts
 *
 * Each client needs a file descriptor in this process and one in the server.
 * Deno raises its soft open-file limit to the hard limit when it starts (so
 * both processes get `ulimit -Hn`); if even the hard limit is too low, the
 * script starts itself again under `ulimit -n` raised, which works as root.
 * Settings: TP1_SCALE_CLIENTS (default 10000), TP1_SCALE_ROUNDS (broadcasts
 * measured, default 5), TP1_SCALE_FLOOR (default 1: afterwards, the same clients
 * against Deno's floor, a bare Deno server that only greets each connection and
 * keeps a 2 KiB read pending on it, which is what any Deno server pays). Issue
 * 14's goal: under 150 MiB for 10,000 idle clients; MiB per 1,000 clients is the
 * peak RSS above the server's RSS before the first client. A missed goal is
 * reported, not a failure (exit 0). TP1_SCALE_IDLE (seconds, default none): the
 * server runs with `--idle` that long, so each client also has its inactivity watch.
 */
import { connectMany, freePort, quiet, ServerProcess, writeAll } from "./_chat_harness.ts";
import { ProcessSampler } from "./_process_sampler.ts";
import { envInteger, median } from "./_settings.ts";

const GOAL_MS = 1000;
const GOAL_RSS_MB = 300;
const GOAL_RSS_MIB = 150;

/** A bare Deno server: greets each connection and keeps a 2 KiB read pending on it. */
const FLOOR_MODULE = "data:text/javascript," + encodeURIComponent(
  "const l = Deno.listen({ hostname: '127.0.0.1', port: Number(Deno.args[0]) });" +
    "const hi = new TextEncoder().encode('hi\\n');" +
    "for await (const c of l) { c.write(hi).catch(() => {}); (async () => {" +
    " const b = new Uint8Array(2048); try { while (await c.read(b) !== null); } catch {} })(); }",
);

/** The resident set size of process `pid` now, in KiB. */
function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(Deno.readTextFileSync(`/proc/${pid}/status`));
  return match ? Number(match[1]) : 0;
}

/** MiB per 1,000 clients: the peak above the RSS before the first client. */
function perThousand(peakKiB: number, startKiB: number): string {
  return ((peakKiB - startKiB) / 1024 / clients * 1000).toFixed(1);
}

/** Peak RSS of Deno's floor server with `clients` idle connections. */
async function floorPeak(): Promise<{ peakKiB: number; startKiB: number }> {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", FLOOR_MODULE, String(port)],
    stdin: "null",
    stdout: "null",
    stderr: "null",
  }).spawn();
  try {
    for (let attempt = 0; attempt < 200; attempt++) {
      try {
        (await Deno.connect({ hostname: "127.0.0.1", port })).close();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const startKiB = rssKiB(child.pid);
    const sampler = new ProcessSampler(child.pid, 20);
    const idle = await connectMany(port, clients, {
      parallel: 50,
      greeted: true,
      bufferSize: 4096,
    });
    await quiet(idle, 500);
    const usage = sampler.stop();
    for (const client of idle) client.close();
    await Promise.all(idle.map((c) => c.done));
    return { peakKiB: usage.peakRssKiB, startKiB };
  } finally {
    child.kill("SIGKILL");
    await child.status;
  }
}

const clients = envInteger("TP1_SCALE_CLIENTS", 10_000);
const idleSeconds = envInteger("TP1_SCALE_IDLE", 0);
const rounds = Math.max(1, envInteger("TP1_SCALE_ROUNDS", 5));

/** The soft and hard limits on open files, from /proc/self/limits. */
function openFileLimits(): { soft: number; hard: number } {
  const line = /^Max open files\s+(\S+)\s+(\S+)/m.exec(Deno.readTextFileSync("/proc/self/limits"));
  const value = (text: string | undefined) => text === "unlimited" ? Infinity : Number(text);
  return { soft: value(line?.[1]), hard: value(line?.[2]) };
}

/** Starts this script again under `ulimit -n needed`; returns its exit code. */
async function rerunWithLimit(needed: number): Promise<number> {
  const argv = [Deno.execPath(), "run", "--allow-all", new URL(import.meta.url).pathname];
  const quoted = argv.map((arg) => `'${arg.replaceAll("'", "'\\''")}'`).join(" ");
  const { code } = await new Deno.Command("bash", {
    args: [
      "-c",
      `ulimit -n ${needed} 2>/dev/null || { echo "${clients} clients need ${needed} open files; ` +
      `this account may not raise its limit (ulimit -Hn) that far: lower TP1_SCALE_CLIENTS" >&2; ` +
      `exit 1; }; exec ${quoted}`,
    ],
    env: { TP1_SCALE_RERUN: "1" },
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return code;
}

if (import.meta.main) {
  const needed = clients + 256;
  const limits = openFileLimits();
  if (limits.soft < needed) {
    if (Deno.env.get("TP1_SCALE_RERUN")) {
      console.error(
        `${clients} clients need ${needed} open files, but the limit is ${limits.hard} ` +
          `(ulimit -Hn); run as root or lower TP1_SCALE_CLIENTS`,
      );
      Deno.exit(1);
    }
    console.log(`raising the open-file limit from ${limits.soft} to ${needed} (ulimit -n)`);
    Deno.exit(await rerunWithLimit(needed));
  }

  const port = freePort();
  await using server = new ServerProcess(
    "tp1",
    port,
    clients + 10,
    idleSeconds > 0 ? ["--idle", String(idleSeconds)] : [],
  );
  await server.listening();
  const startKiB = rssKiB(server.child.pid);
  const sampler = new ProcessSampler(server.child.pid, 20);
  console.log(
    `connecting ${clients} clients to tp1 serve --chat${
      idleSeconds > 0 ? ` --idle ${idleSeconds}` : ""
    } …`,
  );
  const connectStarted = performance.now();
  const room = await connectMany(port, clients, { parallel: 50, greeted: true, bufferSize: 4096 });
  const connectMs = performance.now() - connectStarted;
  await quiet(room, 500);
  console.log(
    `  all connected in ${(connectMs / 1000).toFixed(1)} s ` +
      `(${(clients / (connectMs / 1000)).toFixed(0)} joins/s); all idle`,
  );

  const times: number[] = [];
  const encoder = new TextEncoder();
  for (let round = 1; round <= rounds; round++) {
    const marker = `scale broadcast ${round} ${Date.now()}`;
    const sender = room[(round * 7919) % clients];
    const others = room.filter((c) => c !== sender);
    const everyone = Promise.all(others.map((c) => c.untilMarker(marker)));
    const started = performance.now();
    await writeAll(sender.conn, encoder.encode(marker + "\n"));
    await everyone;
    const ms = performance.now() - started;
    times.push(ms);
    console.log(
      `  round ${round}: one line reached the ${others.length} others in ${ms.toFixed(0)} ms`,
    );
    await quiet(room, 200);
  }
  const usage = sampler.stop();
  const lost = room.filter((c) => c.end !== undefined).length;
  for (const client of room) client.close();
  await Promise.all(room.map((c) => c.done));

  const medianMs = median(times);
  const peakMb = usage.peakRssKiB / 1024;
  console.log(
    `median broadcast time ${medianMs.toFixed(0)} ms (goal < ${GOAL_MS} ms: ${
      medianMs < GOAL_MS ? "met" : "MISSED"
    })`,
  );
  console.log(
    `server peak RSS ${peakMb.toFixed(0)} MiB (goal < ${GOAL_RSS_MB} MB: ${
      usage.peakRssKiB * 1024 < GOAL_RSS_MB * 1e6 ? "met" : "MISSED"
    }); server CPU ${usage.cpuSeconds.toFixed(1)} s in all`,
  );
  console.log(
    `tp1: ${perThousand(usage.peakRssKiB, startKiB)} MiB per 1,000 clients ` +
      `(${
        (startKiB / 1024).toFixed(0)
      } MiB before the first); issue 14's goal < ${GOAL_RSS_MIB} MiB ` +
      `for 10,000: ${peakMb < GOAL_RSS_MIB ? "met" : "MISSED"}`,
  );
  if (envInteger("TP1_SCALE_FLOOR", 1) === 1) {
    const floor = await floorPeak();
    console.log(
      `Deno's floor (a bare server, 2 KiB read pending per connection): peak RSS ${
        (floor.peakKiB / 1024).toFixed(0)
      } MiB, ${perThousand(floor.peakKiB, floor.startKiB)} MiB per 1,000 clients`,
    );
  }
  if (lost > 0) {
    console.log(`${lost} clients were disconnected during the run`);
    Deno.exit(1);
  }
}
