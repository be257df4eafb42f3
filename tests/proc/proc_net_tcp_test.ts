/** Tests for `parseProcNetTcp`, the /proc/net/tcp(6) table parser. */
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { parseProcNetTcp } from "../../src/proc/proc_net_tcp.ts";
import { PROC_NET_TCP, PROC_NET_TCP6 } from "./_fixtures.ts";

Deno.test("parseProcNetTcp() reads every IPv4 line with its state, addresses, uid and inode", () => {
  const entries = parseProcNetTcp(PROC_NET_TCP);
  assertEquals(entries.length, 12);
  assertEquals(entries[0], {
    state: "LISTEN",
    local: { address: "0.0.0.0", port: 7999 },
    remote: { address: "0.0.0.0", port: 0 },
    uid: 1000,
    inode: 33094,
  });
  assertEquals(entries[2], {
    state: "SYN_SENT",
    local: { address: "192.168.100.4", port: 46510 },
    remote: { address: "192.168.100.5", port: 7999 },
    uid: 1000,
    inode: 33120,
  });
  assertEquals(
    entries.map((e) => e.state),
    [
      "LISTEN",
      "ESTABLISHED",
      "SYN_SENT",
      "SYN_RECV",
      "FIN_WAIT1",
      "FIN_WAIT2",
      "TIME_WAIT",
      "CLOSE",
      "CLOSE_WAIT",
      "LAST_ACK",
      "CLOSING",
      "ESTABLISHED",
    ],
  );
});

Deno.test("parseProcNetTcp() keeps inode 0 when the line is a TIME_WAIT or not-yet-accepted socket", () => {
  const entries = parseProcNetTcp(PROC_NET_TCP);
  assertEquals(
    entries.filter((e) => e.inode === 0).map((e) => e.state),
    ["SYN_RECV", "FIN_WAIT2", "TIME_WAIT", "ESTABLISHED"],
  );
});

Deno.test("parseProcNetTcp() decodes IPv6, ::1 and IPv4-mapped addresses when given tcp6 text", () => {
  const entries = parseProcNetTcp(PROC_NET_TCP6);
  assertEquals(
    entries.map((e) => [e.state, e.local, e.remote]),
    [
      ["LISTEN", { address: "::", port: 7999 }, { address: "::", port: 0 }],
      ["ESTABLISHED", { address: "127.0.0.1", port: 7999 }, { address: "127.0.0.1", port: 34434 }],
      ["ESTABLISHED", { address: "::1", port: 7999 }, { address: "::1", port: 46506 }],
      ["ESTABLISHED", { address: "::1", port: 46506 }, { address: "::1", port: 7999 }],
      [
        "TIME_WAIT",
        { address: "fe80::a00:27ff:fe4e:66a1", port: 7999 },
        { address: "2001:db8::1", port: 57345 },
      ],
    ],
  );
  assertEquals(entries.map((e) => e.inode), [43084, 43086, 43088, 43087, 0]);
});

Deno.test("parseProcNetTcp() returns no entries when the table has only its header", () => {
  assertEquals(parseProcNetTcp(PROC_NET_TCP.split("\n")[0] + "\n"), []);
  assertEquals(parseProcNetTcp(""), []);
});

Deno.test("parseProcNetTcp() throws a TypeError quoting the line when it is not /proc/net/tcp text", () => {
  const truncated = "   0: 0100007F:1F3F 00000000:0000 0A 00000000:00000000";
  assertEquals(
    assertThrows(() => parseProcNetTcp(truncated), TypeError).message,
    `unexpected line in /proc/net/tcp: ${JSON.stringify(truncated)}`,
  );
  const badAddress = PROC_NET_TCP.split("\n")[1].replace("00000000:1F3F", "0000:1F3F");
  assertEquals(
    assertThrows(() => parseProcNetTcp(badAddress), TypeError).message,
    'unexpected address in /proc/net/tcp: "0000:1F3F"',
  );
});
