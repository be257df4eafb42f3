/**
 * The classic exercise: one datagram to the subnet's broadcast address reaches
 * a server on every machine. The "machines" are network namespaces made for
 * this test (named udp-…, on a bridge, TEST-NET-1 addresses) and deleted after;
 * needs root and iproute2, skipped otherwise.
 */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
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
const ignore = !isRoot || !hasCommand("ip");

function ip(...args: string[]): void {
  const { code, stderr } = new Deno.Command("ip", { args, stdout: "null", stderr: "piped" })
    .outputSync();
  if (code !== 0) throw new Error(`ip ${args.join(" ")}: ${new TextDecoder().decode(stderr)}`);
}

/** A bridge namespace and `count` machine namespaces on it, 192.0.2.4, .5, …/24. */
function makeLan(count: number): { machines: string[]; remove: () => void } {
  // Unique per run even beside another run of the suite, or after a killed one left its
  // namespaces behind under a pid now reused: `ip netns add` fails on a name that exists.
  const tag = `${Deno.pid % 100000}-${crypto.randomUUID().slice(0, 6)}`;
  const lan = `udp-lan-${tag}`;
  const machines = Array.from({ length: count }, (_, i) => `udp-vm${i + 1}-${tag}`);
  const created: string[] = [];
  const remove = () => {
    for (const ns of created) {
      try {
        ip("netns", "delete", ns);
      } catch {
        // Already gone.
      }
    }
  };
  try {
    ip("netns", "add", lan);
    created.push(lan);
    ip("-n", lan, "link", "add", "br0", "type", "bridge");
    ip("-n", lan, "link", "set", "br0", "up");
    machines.forEach((ns, i) => {
      ip("netns", "add", ns);
      created.push(ns);
      ip("-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", `p${i}`, "netns", lan);
      ip("-n", lan, "link", "set", `p${i}`, "master", "br0", "up");
      ip("-n", ns, "addr", "add", `192.0.2.${i + 4}/24`, "brd", "192.0.2.255", "dev", "eth0");
      ip("-n", ns, "link", "set", "eth0", "up");
      ip("-n", ns, "link", "set", "lo", "up");
    });
  } catch (error) {
    remove();
    throw error;
  }
  return { machines, remove };
}

function tp1In(ns: string, args: string[]): ChildProcess {
  return new ChildProcess("ip", [
    "netns",
    "exec",
    ns,
    Deno.execPath(),
    "run",
    "--allow-all",
    MAIN_TS,
    ...args,
  ]);
}

Deno.test({
  name:
    "connect --udp --broadcast reaches tp1 serve --udp on every machine of the subnet, and hears both answers",
  ignore,
}, async () => {
  const lan = makeLan(3);
  try {
    const [vm1, vm2, vm3] = lan.machines;
    await using server2 = tp1In(vm2, ["serve", "--udp", "-v"]);
    await using server3 = tp1In(vm3, ["serve", "--udp", "-v"]);
    for (const [server, name] of [[server2, "vm2"], [server3, "vm3"]] as const) {
      await server.waitForStderr("listening on UDP [::]:7999\n");
      await server.write(`ici ${name}\n`);
    }
    // Without --broadcast the system refuses, and tp1 says what to add.
    await using refused = tp1In(vm1, ["connect", "--udp", "192.0.2.255"]);
    await refused.closeStdin();
    const no = await refused.finished();
    assertEquals(no.code, 2);
    assertMatch(no.stderr, /192\.0\.2\.255 is a broadcast address .*: add --broadcast/);

    await using client = tp1In(vm1, ["connect", "--udp", "--broadcast", "-v", "192.0.2.255"]);
    await client.write("bonjour tout le monde\n");
    await client.closeStdin();
    const done = await client.finished();
    assertEquals(done.code, 0, done.stderr);
    assertEquals(done.stdout.split("\n").sort(), ["", "ici vm2", "ici vm3"]);
    for (const server of [server2, server3]) {
      await server.waitForStdout("bonjour tout le monde\n");
      assertMatch(server.stderr, /first datagram from 192\.0\.2\.4:\d+/);
    }
  } finally {
    lan.remove();
  }
});
