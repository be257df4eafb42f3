/** Tests for `buildPortUsage` and the questions asked of a `PortUsage`. */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { parseProcNetTcp } from "../../src/proc/proc_net_tcp.ts";
import { buildPortUsage, isPortInUse, portHolders } from "../../src/proc/port_socket.ts";
import type { SocketOwners } from "../../src/proc/socket_owners.ts";
import { PROC_NET_TCP, PROC_NET_TCP6 } from "./_fixtures.ts";

const ENTRIES = [...parseProcNetTcp(PROC_NET_TCP), ...parseProcNetTcp(PROC_NET_TCP6)];
const USERS = new Map([[0, "root"], [1000, "alice"]]);
const OWNERS: SocketOwners = {
  byInode: new Map([
    [33094, [{ pid: 4242, command: "python3" }]],
    [33085, [{ pid: 4242, command: "python3" }]],
    [43084, [{ pid: 77, command: "deno" }, { pid: 78, command: "deno" }]],
    [43087, [{ pid: 90, command: "nc" }]],
  ]),
  hiddenProcesses: 0,
};

Deno.test("buildPortUsage() keeps the sockets whose local or remote port is the port", () => {
  const usage = buildPortUsage(7999, ENTRIES, OWNERS, USERS, false);
  assertEquals(usage.port, 7999);
  // 12 + 5 lines in the fixtures; only the CLOSE socket on :8000 has nothing to do with 7999.
  assertEquals(usage.sockets.length, 16);
  assert(usage.sockets.every((s) => s.local.port === 7999 || s.remote.port === 7999));
  assertEquals(
    buildPortUsage(8000, ENTRIES, OWNERS, USERS, false).sockets.map((s) => s.state),
    [
      "CLOSE",
    ],
  );
  assertEquals(buildPortUsage(1234, ENTRIES, OWNERS, USERS, false).sockets, []);
});

Deno.test("buildPortUsage() lists holders first, listeners first among them, then clients", () => {
  const states = buildPortUsage(7999, ENTRIES, OWNERS, USERS, false).sockets.map((s) =>
    `${s.state}${s.local.port === 7999 ? "" : " (client)"}`
  );
  assertEquals(states, [
    "LISTEN",
    "LISTEN",
    "ESTABLISHED",
    "ESTABLISHED",
    "ESTABLISHED",
    "ESTABLISHED",
    "SYN_RECV",
    "CLOSE_WAIT",
    "FIN_WAIT1",
    "LAST_ACK",
    "CLOSING",
    "TIME_WAIT",
    "TIME_WAIT",
    "ESTABLISHED (client)",
    "SYN_SENT (client)",
    "FIN_WAIT2 (client)",
  ]);
});

Deno.test("buildPortUsage() joins owners by inode and names users, with no user for TIME_WAIT", () => {
  const sockets = buildPortUsage(7999, ENTRIES, OWNERS, USERS, false).sockets;
  const listeners = sockets.filter((s) => s.state === "LISTEN");
  assertEquals(listeners.map((s) => [s.local.address, s.owners, s.user]), [
    ["0.0.0.0", [{ pid: 4242, command: "python3" }], "alice"],
    ["::", [{ pid: 77, command: "deno" }, { pid: 78, command: "deno" }], "root"],
  ]);
  const timeWaits = sockets.filter((s) => s.state === "TIME_WAIT");
  assertEquals(timeWaits.map((s) => [s.owners, s.user]), [[[], undefined], [[], undefined]]);
  const syn = sockets.find((s) => s.state === "SYN_RECV");
  assertEquals([syn?.owners, syn?.user], [[], "alice"]);
});

Deno.test("buildPortUsage() shows the uid as text when /etc/passwd does not name it", () => {
  const usage = buildPortUsage(7999, ENTRIES, OWNERS, new Map(), false);
  assertEquals(usage.sockets[0].user, "1000");
});

Deno.test("buildPortUsage() says why owners are hidden when some fd tables could not be read", () => {
  assertEquals(buildPortUsage(7999, ENTRIES, OWNERS, USERS, false).hiddenOwners, "none");
  assertEquals(buildPortUsage(7999, ENTRIES, OWNERS, USERS, true).hiddenOwners, "none");
  const hidden = { ...OWNERS, hiddenProcesses: 3 };
  assertEquals(buildPortUsage(7999, ENTRIES, hidden, USERS, false).hiddenOwners, "need-root");
  assertEquals(buildPortUsage(7999, ENTRIES, hidden, USERS, true).hiddenOwners, "denied-to-root");
});

Deno.test("isPortInUse() is true only when a socket has the port as its local port", () => {
  assertEquals(isPortInUse(buildPortUsage(7999, ENTRIES, OWNERS, USERS, false)), true);
  assertEquals(isPortInUse(buildPortUsage(1234, ENTRIES, OWNERS, USERS, false)), false);
  // A client's own ephemeral port counts: nobody can listen on it while the connection lasts.
  assertEquals(isPortInUse(buildPortUsage(46510, ENTRIES, OWNERS, USERS, false)), true);
  const remoteOnly = buildPortUsage(
    7999,
    ENTRIES.filter((e) => e.local.port !== 7999),
    OWNERS,
    USERS,
    false,
  );
  assertEquals(remoteOnly.sockets.length, 3);
  assertEquals(isPortInUse(remoteOnly), false);
});

Deno.test("portHolders() lists each holding process once, without the clients", () => {
  const holders = portHolders(buildPortUsage(7999, ENTRIES, OWNERS, USERS, false));
  assertEquals(holders, [
    { process: { pid: 4242, command: "python3" }, user: "alice" },
    { process: { pid: 77, command: "deno" }, user: "root" },
    { process: { pid: 78, command: "deno" }, user: "root" },
  ]);
});
