/**
 * End to end, servers short of file descriptors: the real `main.ts` under a low
 * `ulimit -n`, flooded with connections. A server reports running out once,
 * keeps serving, and reports once that it accepts again; the piped server also
 * bounds how many clients wait their turn (`--max-waiting`).
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { MAIN_TS, REPO_ROOT, startPipedServer } from "../_helpers/tp1.ts";
import { canReadProc } from "../proc/_proc_access.ts";

const ignore = !hasCommand("bash");
const NEEDS = "(needs --allow-run and bash)";
const decoder = new TextDecoder();

/**
 * The descriptor limit of the server under test: Deno itself opens about 25, so
 * this leaves room for fewer clients than the default --max-waiting (32).
 */
const LIMIT = 48;
/** More connections than LIMIT leaves room for. */
const FLOOD = 120;

/** `tp1 …args` under `ulimit -n LIMIT`, stdin empty. */
function spawnLimited(args: readonly string[]): ChildProcess {
  return new ChildProcess("bash", [
    "-c",
    `ulimit -n ${LIMIT} && exec "$@"`,
    "bash",
    Deno.execPath(),
    "run",
    "--allow-all",
    MAIN_TS,
    ...args,
  ], { cwd: REPO_ROOT, stdin: "null" });
}

function count(text: string, part: string): number {
  return text.split(part).length - 1;
}

/** Opens FLOOD connections to `port` (the kernel queues what the server cannot take). */
async function flood(port: number): Promise<Deno.TcpConn[]> {
  const conns: Deno.TcpConn[] = [];
  for (let i = 0; i < FLOOD; i++) conns.push(await Deno.connect({ hostname: "127.0.0.1", port }));
  return conns;
}

function closeAll(conns: Deno.TcpConn[]): void {
  for (const conn of conns) conn.close();
}

/**
 * Whether process `pid` catches SIGHUP: Deno 2.9 sets up its signal handling by itself
 * about half a second after start, SIGHUP included (tp1 never listens for SIGHUP).
 */
function catchesSighup(pid: number): boolean {
  let status: string;
  try {
    status = Deno.readTextFileSync(`/proc/${pid}/status`);
  } catch {
    return false; // Gone: the caller sees it exit.
  }
  const caught = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  return caught !== undefined && (BigInt(`0x${caught}`) & 1n) === 1n;
}

const STARTED = "cannot accept new connections: this process has too many open files (EMFILE";
const CLEARED = "accepting connections again";

Deno.test({
  name:
    `tp1 serve -k out of descriptors says so once, keeps serving, and says once it recovered ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using server = spawnLimited([
    "serve",
    "-k",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
    "-v",
  ]);
  await server.waitForStderr(`listening on 127.0.0.1:${port}\n`);
  const conns = await flood(port);
  try {
    await server.waitForStderr(STARTED);
  } finally {
    closeAll(conns);
  }
  // Once the flood is gone, a newcomer is served as usual.
  using late = await Deno.connect({ hostname: "127.0.0.1", port });
  await late.write(utf8("after the flood\n"));
  await late.closeWrite();
  await withDeadline(readToEnd(late), "the late client's end");
  await server.waitForStdout("after the flood\n");
  const stderr = await server.waitForStderr(CLEARED);
  assertEquals(server.exited, false, stderr);
  assertEquals(count(stderr, STARTED), 1, stderr);
  assertEquals(count(stderr, CLEARED), 1, stderr);
  assertEquals(stderr.includes("panicked"), false, stderr);
});

Deno.test({
  name:
    "tp1 serve -k still out of descriptors when Deno sets up its signal handling keeps serving (needs --allow-all and bash)",
  ignore: ignore || !canReadProc,
}, async () => {
  const port = freePort();
  await using server = spawnLimited([
    "serve",
    "-k",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
    "-v",
  ]);
  await server.waitForStderr(`listening on 127.0.0.1:${port}\n`);
  const conns = await flood(port);
  try {
    await server.waitForStderr(STARTED);
    // Kept out of descriptors until Deno's own setup has come: it needs two, and it used to
    // panic without them ("Too many open files"), taking the server down with every client.
    await waitFor(
      () => server.exited || catchesSighup(server.pid),
      () => `Deno to set up its signal handling; stderr ${JSON.stringify(server.stderr)}`,
    );
  } finally {
    closeAll(conns);
  }
  assertEquals(server.exited, false, server.stderr);
  using late = await Deno.connect({ hostname: "127.0.0.1", port });
  await late.write(utf8("after the flood\n"));
  await late.closeWrite();
  await withDeadline(readToEnd(late), "the late client's end");
  await server.waitForStdout("after the flood\n");
  assertEquals(server.stderr.includes("panicked"), false, server.stderr);
});

Deno.test({
  name:
    `tp1 serve --chat out of descriptors logs it once, keeps the room going, and logs the recovery ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using server = spawnLimited(["serve", "--chat", "-p", String(port), "--host", "127.0.0.1"]);
  await server.waitForStdout(`listening on 127.0.0.1:${port}`);
  const conns = await flood(port);
  try {
    await server.waitForStdout(STARTED);
  } finally {
    closeAll(conns);
  }
  using late = await Deno.connect({ hostname: "127.0.0.1", port });
  let greeting = "";
  const buffer = new Uint8Array(4096);
  while (!greeting.includes("welcome")) {
    const n = await withDeadline(late.read(buffer), "the late client's welcome");
    if (n === null) break;
    greeting += decoder.decode(buffer.subarray(0, n));
  }
  assertIncludes(greeting, "welcome");
  const log = await server.waitForStdout(CLEARED);
  assertEquals(server.exited, false, log);
  assertEquals(count(log, STARTED), 1, log);
  assertEquals(count(log, CLEARED), 1, log);
});

Deno.test({
  name:
    "tp1 serve -k --max-waiting N tells the next newcomer the server is busy (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["-k", "--max-waiting", "2"]);
  using served = await Deno.connect({ hostname: "127.0.0.1", port });
  // The first byte of stdin reaching it shows it is being served, not waiting.
  await server.write("x");
  await withDeadline(served.read(new Uint8Array(1)), "the served client's first byte");
  using _second = await Deno.connect({ hostname: "127.0.0.1", port });
  using _third = await Deno.connect({ hostname: "127.0.0.1", port });
  using fourth = await Deno.connect({ hostname: "127.0.0.1", port });
  const refusal = decoder.decode(await withDeadline(readToEnd(fourth), "the refusal"));
  assertEquals(
    refusal,
    "* sorry, the server is busy: 2 clients are already waiting their turn; try again later\n",
  );
  await server.waitForStderr(/refused 127\.0\.0\.1:\d+: 2 clients are waiting \(--max-waiting\)/);
  assertEquals(server.exited, false);
});
