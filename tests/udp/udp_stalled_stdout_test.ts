/**
 * `tp1 serve --udp` piped into a reader that never reads (`| less` with its
 * screen full ignores Ctrl-C): a stop signal says that stdout is not taking
 * the rest, and a second one leaves without it, saying how much was not written.
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { ENGLISH_LOCALE, MAIN_TS, REPO_ROOT } from "../_helpers/tp1.ts";
import { UdpSocket } from "../../src/udp/udp_socket.ts";
import { freeUdpPort } from "./_udp_helpers.ts";

Deno.test("serve --udp with a stdout nobody reads stops on a second Ctrl-C, saying what was not written", async () => {
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
    // 2 MB in 32 datagrams, few enough that the socket's receive buffer keeps them all.
    const datagram = new Uint8Array(64_000).fill(0x61);
    for (let i = 0; i < 32; i++) sender.sendTo(datagram, { address: "127.0.0.1", port });
    await server.waitForStderr("first datagram from 127.0.0.1:");
    server.kill("SIGINT");
    await server.waitForStderr("standard output is not taking the last ");
    server.kill("SIGINT");
    const done = await server.finished();
    assertEquals(done.code, 0, done.stderr);
    assertIncludes(done.stderr, "left without writing the last ");
    assertIncludes(done.stderr, "done: received ");
  } finally {
    sender.close();
    await Deno.remove(dir, { recursive: true });
  }
});
