/**
 * The edges of every `--allow`/`--deny` block: for each one, the address one
 * bit inside (the first host bit set) must match and the address one bit
 * outside (the last prefix bit flipped) must not, so a mask off by one bit in
 * either direction fails here. IPv4, IPv6, IPv4-mapped, /0 and the full width.
 */
import {
  assert,
  assertEquals,
  assertIncludes,
  assertMatch,
  assertNotMatch,
  assertThrows,
} from "../_helpers/assert.ts";
import { parseAddressRule, ruleMatches } from "../../src/access/address_rule.ts";
import { type IpAddress, parseIpAddress } from "../../src/core/ip_address.ts";
import { UsageError } from "../../src/errors.ts";
import { freePort } from "../_helpers/free_port.ts";
import { SourceClient } from "../_helpers/source_client.ts";
import { runTp1, startPipedServer } from "../_helpers/tp1.ts";

const ipv4 = (bits: bigint): string =>
  [24n, 16n, 8n, 0n].map((shift) => String((bits >> shift) & 0xffn)).join(".");
const ipv6 = (bits: bigint): string =>
  Array.from({ length: 8 }, (_, i) => ((bits >> BigInt(112 - 16 * i)) & 0xffffn).toString(16))
    .join(":");

/** `address` with bit `index` (0 = the most significant of `width`) flipped. */
function flip(address: bigint, index: number, width: number): bigint {
  return address ^ (1n << BigInt(width - 1 - index));
}

function parsed(text: string): IpAddress {
  const address = parseIpAddress(text);
  assert(address, `${text} parses`);
  return address;
}

/** Asserts the edges of `block` (written `base/prefix`) in a family of `width` bits. */
function assertEdges(block: string, width: 32 | 128): void {
  const [baseText, prefixText] = block.split("/");
  const prefix = Number(prefixText);
  const rule = parseAddressRule(block);
  const base = width === 32 ? parsed(baseText).bits & 0xffffffffn : parsed(baseText).bits;
  const show = width === 32 ? ipv4 : ipv6;
  assertEquals(ruleMatches(rule, parsed(show(base))), true, `${block} holds its base`);
  if (prefix < width) {
    const inside = show(flip(base, prefix, width));
    assertEquals(ruleMatches(rule, parsed(inside)), true, `${block} holds ${inside}`);
    const last = show(base | ((1n << BigInt(width - prefix)) - 1n));
    assertEquals(ruleMatches(rule, parsed(last)), true, `${block} holds ${last}`);
  }
  if (prefix > 0) {
    const outside = show(flip(base, prefix - 1, width));
    assertEquals(ruleMatches(rule, parsed(outside)), false, `${block} excludes ${outside}`);
  }
}

Deno.test("an IPv6 block holds the address one bit inside and not the one a bit outside", () => {
  for (const block of ["fd00::/8", "fd00::/7", "2001:db8::/32", "fe80::/10", "fd12:3456::/64"]) {
    assertEdges(block, 128);
  }
  assertEdges("2001:db8::4/127", 128);
  assertEdges("2001:db8::5/128", 128);
  assertEdges("::/0", 128);
  // The case found by planting the bug: one bit too short a mask lets fc00::/8 in.
  assertEquals(ruleMatches(parseAddressRule("fd00::/8"), parsed("fc00::1")), false);
  assertEquals(ruleMatches(parseAddressRule("fd00::/8"), parsed("fdff::1")), true);
});

Deno.test("an IPv4 block holds the address one bit inside and not the one a bit outside", () => {
  for (const block of ["10.0.0.0/8", "172.16.0.0/12", "192.168.100.0/24", "192.168.100.64/26"]) {
    assertEdges(block, 32);
  }
  assertEdges("127.0.0.0/31", 32);
  assertEdges("127.0.0.2/32", 32);
  assertEdges("0.0.0.0/0", 32);
  assertEquals(ruleMatches(parseAddressRule("192.168.100.0/24"), parsed("192.168.101.0")), false);
  assertEquals(ruleMatches(parseAddressRule("127.0.0.2"), parsed("127.0.0.3")), false);
});

Deno.test("an IPv4 block applies to IPv4-mapped client addresses, at the same edges", () => {
  const rule = parseAddressRule("192.168.100.0/24");
  assertEquals(ruleMatches(rule, parsed("::ffff:192.168.100.255")), true);
  assertEquals(ruleMatches(rule, parsed("::ffff:192.168.101.0")), false);
  assertEquals(ruleMatches(rule, parsed("::ffff:c0a8:6405")), true, "hex form of .100.5");
  // An IPv4 block is not an IPv6 one: ::c0a8:6405 (not mapped) is outside.
  assertEquals(ruleMatches(rule, parsed("::c0a8:6405")), false);
  assertEquals(ruleMatches(parseAddressRule("0.0.0.0/0"), parsed("2001:db8::1")), false);
});

Deno.test("parseAddressRule() accepts IPv4-mapped blocks written in IPv6 form, with 128-bit prefixes", () => {
  assertEdges("::ffff:0:0/96", 128);
  assertEdges("::ffff:127.0.0.0/104", 128);
  assertEdges("::ffff:192.168.100.0/120", 128);
  assertEdges("::ffff:127.0.0.2/128", 128);
  const allMapped = parseAddressRule("::ffff:0:0/96");
  assertEquals(ruleMatches(allMapped, parsed("8.8.8.8")), true, "every IPv4 client");
  assertEquals(ruleMatches(allMapped, parsed("::1")), false);
  const loopback = parseAddressRule("::ffff:127.0.0.0/104");
  assertEquals(ruleMatches(loopback, parsed("127.255.0.1")), true);
  assertEquals(ruleMatches(loopback, parsed("128.0.0.1")), false);
  assertEquals(ruleMatches(parseAddressRule("::ffff:127.0.0.1"), parsed("127.0.0.1")), true);
});

Deno.test("parseAddressRule() refuses an octet with a leading zero, saying how it is ambiguous", () => {
  for (
    const [text, zeroed, fixed] of [
      ["127.0.0.010", "010", "127.0.0.10"],
      ["010.0.0.0/8", "010", "10.0.0.0/8"],
      ["10.0.0.09", "09", "10.0.0.9"],
      ["::ffff:127.0.0.010/104", "010", "::ffff:127.0.0.10/104"],
    ]
  ) {
    const { message } = assertThrows(() => parseAddressRule(text), UsageError, `"${text}"`);
    assertIncludes(message, `leading zero (${zeroed})`, text);
    assertIncludes(message, `write ${fixed}`, text);
  }
  assertMatch(
    assertThrows(() => parseAddressRule("127.0.0.010"), Error).message,
    /read as octal \(8\) and others as decimal \(10\)/,
  );
  // A lone zero is no leading zero.
  assertEquals(parseAddressRule("10.0.0.0/8").prefix, 104);
});

Deno.test("parseIpAddress() refuses leading-zero octets in client addresses too", () => {
  assertEquals(parseIpAddress("127.0.0.010"), undefined);
  assertEquals(parseIpAddress("::ffff:127.0.0.010"), undefined);
  assertEquals(parseIpAddress("127.0.0.0")?.bits, 0xffff7f000000n);
});

Deno.test({
  name:
    "tp1 serve takes --deny ::ffff:0:0/96 and --allow ::ffff:127.0.0.0/104, and refuses --allow 127.0.0.010 as a usage error (needs --allow-run)",
  ignore: Deno.permissions.querySync({ name: "run" }).state !== "granted",
}, async () => {
  const port = freePort();
  await using _server = await startPipedServer(port, [
    "--allow",
    "::ffff:127.0.0.0/104",
    "--deny",
    "::ffff:0:0/96",
  ]);
  // Every IPv4 client is denied, 127.0.0.1 included: deny wins.
  await using client = await SourceClient.connect({ port });
  assertMatch(await client.waitForEnd(), /^\* sorry, 127\.0\.0\.1 is not allowed to connect/);
  const refused = await runTp1(["serve", "-p", String(freePort()), "--allow", "127.0.0.010"]);
  assertEquals(refused.code, 2);
  assertMatch(refused.stderr, /"127\.0\.0\.010" has an octet with a leading zero \(010\)/);
  assertNotMatch(refused.stderr, /\n\s+at /, "no stack trace");
});
