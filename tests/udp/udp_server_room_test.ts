/** Tests for the UDP server's pure parts: peers, typed commands, access rules and display. */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { MAX_REFUSED_NAMED, UdpServerRoom } from "../../src/udp/udp_server_room.ts";
import {
  ago,
  HeardSenders,
  MAX_PEERS,
  MAX_SENDERS_NAMED,
  UdpPeers,
} from "../../src/udp/udp_peers.ts";
import { parseUdpOperatorLine } from "../../src/udp/udp_operator_command.ts";
import { datagramLine } from "../../src/udp/datagram_text.ts";
import { parseAddressRule } from "../../src/access/address_rule.ts";
import { setLanguage } from "../../src/i18n/catalogue.ts";
import { WHO_LISTED } from "../../src/room/member_list_format.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const OPEN = { allow: [], deny: [] };
const ALICE = { address: "192.168.100.5", port: 51234 };
const BOB = { address: "fe80::1", port: 40000 };

Deno.test("datagramLine() shows sender and size, drops one final newline and escapes controls", () => {
  assertEquals(
    datagramLine(ALICE, encoder.encode("bonjour\n")),
    "from 192.168.100.5:51234 (8 bytes): bonjour",
  );
  assertEquals(
    datagramLine(BOB, encoder.encode("\x1b[2Jcafé\r\n\n")),
    "from [fe80::1]:40000 (12 bytes): \\e[2Jcafé\\r\\n",
  );
  assertEquals(datagramLine(ALICE, new Uint8Array([0])), "from 192.168.100.5:51234 (1 byte): \\0");
});

Deno.test("in French, a datagram shows as the help says: « from ADDR:PORT (8 octets) : bonjour », and /who in French", () => {
  setLanguage("fr");
  try {
    assertEquals(
      datagramLine(ALICE, encoder.encode("bonjour\n")),
      "from 192.168.100.5:51234 (8 octets)\u00a0: bonjour",
    );
    assertEquals(
      datagramLine(ALICE, new Uint8Array([0])),
      "from 192.168.100.5:51234 (1 octet)\u00a0: \\0",
    );
    const peers = new UdpPeers();
    peers.heard(ALICE, 8, 0);
    assertEquals(
      peers.describe(3000)[1],
      "  192.168.100.5:51234  entendu il y a 3 s, 1 datagramme, 8 octets",
    );
  } finally {
    setLanguage("en");
  }
});

Deno.test("parseUdpOperatorLine() reads plain lines, //, /to, /all, /who and mistakes", () => {
  assertEquals(parseUdpOperatorLine("salut"), { kind: "send", text: "salut" });
  assertEquals(parseUdpOperatorLine("//etc"), { kind: "send", text: "/etc" });
  assertEquals(parseUdpOperatorLine("/to 1.2.3.4:5 a b"), {
    kind: "to",
    peer: "1.2.3.4:5",
    text: "a b",
  });
  assertEquals(parseUdpOperatorLine("/all tout le monde"), {
    kind: "all",
    text: "tout le monde",
  });
  assertEquals(parseUdpOperatorLine("/who"), { kind: "who" });
  assertEquals(parseUdpOperatorLine(" exit "), { kind: "exit" });
  assertEquals(parseUdpOperatorLine("/to 1.2.3.4:5").kind, "mistake");
  assertMatch((parseUdpOperatorLine("/kick x") as { message: string }).message, /unknown command/);
});

Deno.test("UdpServerRoom answers the peer heard from last, /to one peer and /all recent ones", () => {
  const room = new UdpServerRoom(OPEN);
  assertMatch(room.typed("salut", 0).show[0], /nobody to answer yet/);
  room.received(ALICE, encoder.encode("a\n"), 1000);
  room.received(BOB, encoder.encode("b\n"), 120_000);
  const plain = room.typed("hello", 3000);
  assertEquals(plain.send.map((s) => s.to), [BOB]);
  assertEquals(decoder.decode(plain.send[0].bytes), "hello\n");
  assertEquals(plain.show, ["* to [fe80::1]:40000 (6 bytes)"]);
  assertEquals(room.typed("/to 192.168.100.5:51234 toi", 3000).send.map((s) => s.to), [ALICE]);
  assertMatch(room.typed("/to 10.0.0.1:1 x", 3000).show[0], /no peer 10\.0\.0\.1:1/);
  // Alice spoke 11 minutes before, Bob 9: only Bob is recent.
  const all = room.typed("/all hop", 1000 + 11 * 60_000);
  assertEquals(all.send.map((s) => s.to), [BOB]);
  const exit = room.typed("exit", 4000);
  assertEquals(exit.exit, true);
  assertEquals(decoder.decode(exit.send[0].bytes), "exit\n");
});

Deno.test("UdpServerRoom drops a denied source's datagrams and logs it once", () => {
  const room = new UdpServerRoom({ allow: [parseAddressRule("192.168.100.0/24")], deny: [] });
  const stranger = { address: "10.1.2.3", port: 9 };
  const first = room.received(stranger, encoder.encode("x"), 0);
  assertEquals(first.length, 1);
  assertMatch(first[0], /dropped a datagram from 10\.1\.2\.3:9 \(not in any --allow block\)/);
  assertEquals(room.received({ ...stranger, port: 10 }, encoder.encode("y"), 1), []);
  assertEquals(room.peers.size, 0);
  assertEquals(room.received(ALICE, encoder.encode("ok"), 2).length, 1);
  assertEquals(room.peers.size, 1);
});

Deno.test("UdpServerRoom names at most MAX_REFUSED_NAMED refused addresses, then says once that the rest go unnamed", () => {
  const room = new UdpServerRoom({ allow: [], deny: [parseAddressRule("127.0.0.0/8")] });
  const logs: string[] = [];
  for (let i = 0; i < MAX_REFUSED_NAMED + 500; i++) {
    const from = { address: `127.1.${i >> 8}.${i & 255}`, port: 9 };
    const admission = room.admit(from);
    assertEquals(admission.allowed, false);
    if (!admission.allowed && admission.log) logs.push(admission.log);
  }
  assertEquals(logs.length, MAX_REFUSED_NAMED + 1);
  assertMatch(logs[MAX_REFUSED_NAMED], /100 refused addresses named already/);
  // An address named before is still dropped silently.
  assertEquals(room.admit({ address: "127.1.0.0", port: 10 }), { allowed: false });
});

Deno.test("HeardSenders.heard() names the first senders for -v, then says once that the rest are only counted", () => {
  const senders = new HeardSenders();
  const logged: string[] = [];
  for (let i = 0; i < 5_000; i++) {
    const line = senders.heard(`127.3.${i >> 8}.${i & 255}:9`);
    if (line) logged.push(line);
  }
  assertEquals(senders.heard("127.3.0.0:9"), undefined);
  assertEquals(logged.length, MAX_SENDERS_NAMED + 1);
  assertEquals(logged[0], "first datagram from 127.3.0.0:9");
  assertEquals(
    logged.at(-1),
    `${MAX_SENDERS_NAMED} senders named already: the next ones are counted in the closing line, not named`,
  );
  assertEquals(senders.count, 5_000);
});

Deno.test("UdpPeers.describe() lists peers most recent first with when they were last heard", () => {
  const peers = new UdpPeers();
  assertMatch(peers.describe(0)[0], /no datagram received yet/);
  peers.heard(ALICE, 10, 0);
  peers.heard(BOB, 5, 50_000);
  peers.heard(ALICE, 10, 60_000);
  const lines = peers.describe(65_000);
  assertMatch(lines[0], /2 peers heard from/);
  assertEquals(lines[1], "  192.168.100.5:51234  last heard 5 s ago, 2 datagrams, 20 bytes");
  assertEquals(lines[2], "  [fe80::1]:40000      last heard 15 s ago, 1 datagram, 5 bytes");
  assertEquals(peers.find("[fe80::1]:40000")?.endpoint, BOB);
  assertEquals(ago(3 * 3600_000), "3 h ago");
});

Deno.test("HeardSenders counts every sender but remembers at most MAX_PEERS (a flood of sources stays bounded)", () => {
  const senders = new HeardSenders();
  assertEquals(senders.add("127.0.0.1:1000"), true);
  assertEquals(senders.add("127.0.0.1:1000"), false);
  for (let i = 0; i < MAX_PEERS + 500; i++) senders.add(`127.2.${i >> 8}.${i & 255}:9`);
  assertEquals(senders.count, MAX_PEERS + 501);
  assertEquals(senders.remembered, MAX_PEERS);
  // The latest stay known.
  const latest = MAX_PEERS + 499;
  assertEquals(senders.add(`127.2.${latest >> 8}.${latest & 255}:9`), false);
});

Deno.test("UdpPeers.describe() lists only the most recent peers of a flood, then how many more (in both languages)", () => {
  const peers = new UdpPeers();
  for (let i = 0; i < 10_000; i++) peers.heard({ address: "127.0.0.1", port: 1000 + i }, 1, i);
  const lines = peers.describe(20_000);
  // Far less than the screen holds: a /who must never read as "your terminal was not reading".
  assertEquals(lines.length, 1 + WHO_LISTED + 1);
  assertMatch(lines[0], /10000 peers heard from/);
  assertMatch(lines[1], /^ {2}127\.0\.0\.1:10999 {2}last heard 10 s ago/);
  assertEquals(lines.at(-1), `  … and ${10_000 - WHO_LISTED} more`);
  setLanguage("fr");
  try {
    assertEquals(peers.describe(20_000).at(-1), `  … et ${10_000 - WHO_LISTED} de plus`);
  } finally {
    setLanguage("en");
  }
});
