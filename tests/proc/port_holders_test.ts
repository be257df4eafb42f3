/**
 * Tests for `findPortSockets` and `describePortHolders` against the real /proc,
 * with sockets this test process opens, and against a fake /proc tree.
 */
import { assertEquals, assertMatch, assertNotEquals, assertRejects } from "../_helpers/assert.ts";
import { UserError } from "../../src/errors.ts";
import { describePortHolders, findPortSockets } from "../../src/proc/port_holders.ts";
import { isPortInUse, type PortSocket } from "../../src/proc/port_socket.ts";
import { PROC_NET_TCP } from "./_fixtures.ts";

import { canRead, canReadProc, canUseFiles } from "./_proc_access.ts";

function hasIpv6Loopback(): boolean {
  try {
    Deno.listen({ hostname: "::1", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}

function ownedByMe(socket: PortSocket): boolean {
  return socket.owners.some((p) => p.pid === Deno.pid);
}

// Other tests' closed connections to an earlier listener on the same port number can
// linger as TIME_WAIT with it as their remote port; they are not what these tests check.
function live(sockets: readonly PortSocket[]): PortSocket[] {
  return sockets.filter((s) => s.state !== "TIME_WAIT");
}

Deno.test({
  name: "findPortSockets() finds this process's LISTEN socket when it listens (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  const usage = await findPortSockets(port);
  assertEquals(usage.port, port);
  assertEquals(
    live(usage.sockets).map((s) => [s.state, s.local, s.remote, ownedByMe(s)]),
    [["LISTEN", { address: "127.0.0.1", port }, { address: "0.0.0.0", port: 0 }, true]],
  );
  const me = live(usage.sockets)[0].owners.find((p) => p.pid === Deno.pid);
  assertNotEquals(me?.command, "-");
});

Deno.test({
  name:
    "findPortSockets() finds both ends of a connection when this process connects to itself (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  using client = await Deno.connect({ hostname: "127.0.0.1", port });
  using server = await listener.accept();
  const usage = await findPortSockets(port);
  assertEquals(
    live(usage.sockets).map((s) => [s.state, s.local.port, s.remote.port, ownedByMe(s)]),
    [
      ["LISTEN", port, 0, true],
      ["ESTABLISHED", port, client.localAddr.port, true],
      ["ESTABLISHED", client.localAddr.port, port, true],
    ],
  );
  assertEquals(server.remoteAddr.port, client.localAddr.port);
});

Deno.test({
  name:
    "findPortSockets() decodes ::1 when this process listens on IPv6 loopback (needs --allow-all, IPv6)",
  ignore: !canReadProc || !hasIpv6Loopback(),
}, async () => {
  using listener = Deno.listen({ hostname: "::1", port: 0 });
  const { port } = listener.addr;
  const usage = await findPortSockets(port);
  assertEquals(
    live(usage.sockets).map((s) => [s.state, s.local, ownedByMe(s)]),
    [["LISTEN", { address: "::1", port }, true]],
  );
});

Deno.test({
  name:
    "findPortSockets() finds no socket holding the port when nothing listens on it (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  const usage = await findPortSockets(port);
  assertEquals(usage.sockets.filter((s) => s.local.port === port), []);
  assertEquals(isPortInUse(usage), false);
});

Deno.test({
  name:
    "findPortSockets() throws a UserError naming lsof when /proc/net/tcp is missing (needs --allow-read)",
  ignore: !canRead,
}, async () => {
  const error = await assertRejects(
    () => findPortSockets(7999, { procRoot: "/nonexistent/proc" }),
    UserError,
  );
  assertEquals(
    error.message,
    'cannot look up port 7999: /nonexistent/proc/net/tcp does not exist, and tp1 port only works on Linux; try "lsof -i :7999" or "netstat -an" instead.',
  );
});

Deno.test({
  name:
    "findPortSockets() joins a fake /proc with /etc/passwd when tcp6 is absent (needs --allow-read --allow-write)",
  ignore: !canUseFiles,
}, async () => {
  const root = await Deno.makeTempDir({ prefix: "tp1_fake_proc_" });
  try {
    await Deno.mkdir(`${root}/net`);
    await Deno.writeTextFile(`${root}/net/tcp`, PROC_NET_TCP);
    await Deno.mkdir(`${root}/4242/fd`, { recursive: true });
    await Deno.symlink("socket:[33094]", `${root}/4242/fd/3`);
    await Deno.writeTextFile(`${root}/4242/comm`, "python3\n");
    await Deno.writeTextFile(
      `${root}/passwd`,
      "root:x:0:0::/root:/bin/sh\nalice:x:1000:1000::/home/alice:/bin/sh\n",
    );
    const usage = await findPortSockets(7999, { procRoot: root, passwdPath: `${root}/passwd` });
    assertEquals(usage.sockets.length, 11);
    assertEquals(
      [usage.sockets[0].state, usage.sockets[0].owners, usage.sockets[0].user],
      ["LISTEN", [{ pid: 4242, command: "python3" }], "alice"],
    );
    assertEquals(
      await describePortHolders(7999, { procRoot: root, passwdPath: `${root}/passwd` }),
      "held by pid 4242 (python3, user alice) — stop it with: kill 4242",
    );
    // Without /etc/passwd users fall back to their uid.
    const noPasswd = await findPortSockets(7999, { procRoot: root, passwdPath: `${root}/none` });
    assertEquals(noPasswd.sockets[0].user, "1000");
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test({
  name: "describePortHolders() names this process when it holds the port (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const sentence = await describePortHolders(listener.addr.port);
  assertMatch(
    sentence ?? "",
    new RegExp(`^held by pid ${Deno.pid} \\([^)]+\\) — stop it with: kill ${Deno.pid}$`),
  );
});

Deno.test({
  name:
    "describePortHolders() returns undefined when the port is free or /proc is missing (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  assertEquals(await describePortHolders(port), undefined);
  assertEquals(await describePortHolders(port, { procRoot: "/nonexistent/proc" }), undefined);
});

Deno.test({
  name:
    "findPortSockets() throws a UserError asking for --allow-all when Deno refuses /proc (runs without --allow-all)",
  ignore: !canRead || canReadProc || Deno.build.os !== "linux",
}, async () => {
  const error = await assertRejects(() => findPortSockets(7999), UserError);
  assertEquals(
    error.message,
    'cannot look up port 7999: Deno lets a program read /proc only when it runs with --allow-all, and tp1 was started without it; run "deno run --allow-all main.ts port 7999" or "sudo lsof -i :7999" instead.',
  );
  assertEquals(await describePortHolders(7999), undefined);
});

Deno.test({
  name:
    "findPortSockets() lists a socket once when /proc/net/tcp showed it twice, as a table read while it changes can (needs --allow-read --allow-write)",
  ignore: !canUseFiles,
}, async () => {
  // The kernel prints the table in pieces; sockets opening or closing between two pieces can
  // move one line to a later place. A full run beside 20,000 churning connections listed
  // the client end of one connection four times.
  const lines = PROC_NET_TCP.split("\n");
  const doubled = [...lines.slice(0, 3), lines[2].replace(/^ +1:/, "  12:"), ...lines.slice(3)]
    .join("\n");
  const root = await Deno.makeTempDir({ prefix: "tp1_fake_proc_" });
  try {
    await Deno.mkdir(`${root}/net`);
    await Deno.writeTextFile(`${root}/net/tcp`, doubled);
    const usage = await findPortSockets(7999, { procRoot: root, passwdPath: `${root}/none` });
    assertEquals(usage.sockets.length, 11);
    assertEquals(usage.sockets.filter((s) => s.inode === 33085).length, 1);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
