/**
 * Runs of equal datagrams go to the kernel as one segmented message; where the
 * path's MTU is smaller than a datagram, the kernel refuses such a run, and
 * tp1 must send those datagrams one by one (fragmented, as before), losing no
 * boundary. The path is the loopback of a network namespace made for this test
 * (named udp-speed-…, MTU 1500) and deleted after; needs root and iproute2,
 * skipped otherwise.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { MAIN_TS } from "../_helpers/tp1.ts";

const isRoot = (() => {
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
})();

function ip(...args: string[]): void {
  const { code, stderr } = new Deno.Command("ip", { args, stdout: "null", stderr: "piped" })
    .outputSync();
  if (code !== 0) throw new Error(`ip ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
}

const fixture = (name: string) =>
  decodeURIComponent(new URL(`../fixtures/${name}`, import.meta.url).pathname);

Deno.test({
  name:
    "connect --udp sends runs of datagrams larger than the path's MTU one by one, each whole (needs root)",
  ignore: !isRoot || !hasCommand("ip"),
}, async () => {
  const ns = `udp-speed-mtu-${Deno.pid % 100000}`;
  ip("netns", "add", ns);
  try {
    ip("-n", ns, "link", "set", "lo", "mtu", "1500", "up");
    // Too big for one 1500-byte packet (2000), just fitting (1472), just not (1473), and small;
    // few enough that Python's default receive buffer holds them all.
    const sizes = [
      ...Array(10).fill(2000),
      ...Array(10).fill(1000),
      ...Array(4).fill(1472),
      ...Array(4).fill(1473),
      ...Array(3).fill(100),
    ];
    await using receiver = new ChildProcess("ip", [
      "netns",
      "exec",
      ns,
      "python3",
      fixture("datagram_sizes.py"),
      "7999",
      String(sizes.length),
    ]);
    await receiver.waitForStdout("port 7999\n");
    await using client = new ChildProcess("ip", [
      "netns",
      "exec",
      ns,
      "python3",
      fixture("message_feed.py"),
      sizes.join(","),
      "--",
      Deno.execPath(),
      "run",
      "--allow-all",
      MAIN_TS,
      "connect",
      "--udp",
      "--linger",
      "0.1",
      "127.0.0.1",
    ]);
    const sent = await client.finished();
    assertEquals(sent.code, 0, sent.stderr);
    const received = await receiver.finished();
    assertEquals(received.code, 0, received.stderr);
    assertEquals(
      received.stdout.split("\n").slice(1, -1),
      sizes.map((size, i) => `${size} ${i % 256}`),
    );
  } finally {
    ip("netns", "delete", ns);
  }
});
