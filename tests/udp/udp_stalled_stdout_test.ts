/**
 * `tp1 serve --udp` piped into a reader that never reads (`| less` with its
 * screen full ignores Ctrl-C): a stop signal says that stdout is not taking
 * the rest, and a second one leaves without it, saying how much was not
 * written, and how many datagrams the kernel dropped meanwhile.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { ChildProcess, type Finished } from "../_helpers/child_process.ts";
import { ENGLISH_LOCALE, MAIN_TS, REPO_ROOT } from "../_helpers/tp1.ts";
import { UdpSocket } from "../../src/udp/udp_socket.ts";
import { freeUdpPort } from "./_udp_helpers.ts";

/** Runs the server into a FIFO nobody reads, sends `count` datagrams of 64,000 bytes, then Ctrl-C twice. */
async function stalledRun(count: number): Promise<Finished> {
  const dir = await Deno.makeTempDir();
  const fifo = `${dir}/stdout`;
  const port = freeUdpPort();
  const sender = UdpSocket.open("IPv4");
  try {
    await new Deno.Command("mkfifo", { args: [fifo] }).output();
    await using server = new ChildProcess("sh", [
      "-c",
      `exec "$0" run --allow-all "$1" serve --udp -v -p ${port} --host 127.0.0.1 > "$2"`,
      Deno.execPath(),
      MAIN_TS,
      fifo,
    ], { cwd: REPO_ROOT, env: ENGLISH_LOCALE });
    // Opened for reading, and never read: the pipe fills (tp1 grows it to 1 MiB) and stays full.
    using _reader = await Deno.open(fifo, { read: true });
    await server.waitForStderr(`listening on UDP 127.0.0.1:${port}\n`);
    const datagram = new Uint8Array(64_000).fill(0x61);
    for (let i = 0; i < count; i++) sender.sendTo(datagram, { address: "127.0.0.1", port });
    await server.waitForStderr("first datagram from 127.0.0.1:");
    server.kill("SIGINT");
    await server.waitForStderr("standard output is not taking the last ");
    server.kill("SIGINT");
    return await server.finished();
  } finally {
    sender.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("serve --udp with a stdout nobody reads stops on a second Ctrl-C, saying what was not written", async () => {
  // 2 MB in 32 datagrams, few enough that the socket's receive buffer keeps them all.
  const done = await stalledRun(32);
  assertEquals(done.code, 0, done.stderr);
  assertIncludes(done.stderr, "left without writing the last ");
  assertIncludes(done.stderr, "done: received ");
});

Deno.test("serve --udp says how many datagrams the kernel dropped while it could not keep up", async () => {
  // 64 MB: more than the 32 MiB held for stdout, the pipe and the socket's buffer together.
  const done = await stalledRun(1000);
  assertEquals(done.code, 0, done.stderr);
  assertMatch(
    done.stderr,
    /the kernel dropped \d+ datagrams? that came faster than they were taken/,
  );
});
