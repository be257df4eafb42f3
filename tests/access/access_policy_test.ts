import { setLanguage } from "../../src/i18n/catalogue.ts";
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { allowFileEntries, judgeAddress } from "../../src/access/access_policy.ts";
import { parseAddressRule } from "../../src/access/address_rule.ts";
import { parseIpAddress } from "../../src/core/ip_address.ts";
import { UsageError } from "../../src/errors.ts";

const rules = (...texts: string[]) => texts.map(parseAddressRule);

Deno.test("parseIpAddress() reads IPv4, IPv6, mapped, bracketed and zoned forms", () => {
  assertEquals(parseIpAddress("127.0.0.1")?.bits, 0xffff7f000001n);
  assertEquals(parseIpAddress("::ffff:127.0.0.1")?.bits, 0xffff7f000001n);
  assertEquals(parseIpAddress("::1")?.bits, 1n);
  assertEquals(parseIpAddress("[::1]")?.bits, 1n);
  assertEquals(parseIpAddress("fe80::1%eth0")?.bits, 0xfe80n << 112n | 1n);
  assertEquals(parseIpAddress("1:2:3:4:5:6:7:8")?.bits, 0x00010002000300040005000600070008n);
  assertEquals(parseIpAddress("127.0.0.1")?.v4, true);
  assertEquals(parseIpAddress("::1")?.v4, false);
  assertEquals(parseIpAddress("::ffff:127.0.0.1")?.v4, false, "v4 means written as a.b.c.d");
});

Deno.test("parseIpAddress() returns undefined when the text is not an address", () => {
  for (const text of ["", "vm1", "256.0.0.1", "1.2.3", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::"]) {
    assertEquals(parseIpAddress(text), undefined, text);
  }
});

Deno.test("parseAddressRule() throws a UsageError quoting the text when it is not a block", () => {
  for (const text of ["10.0.0.0/33", "::/129", "vm1", "10.0.0.0/8/8", "10.0.0.0/x"]) {
    assertThrows(() => parseAddressRule(text), UsageError, `"${text}"`);
  }
});

Deno.test("judgeAddress() lets everyone in when there are no rules", () => {
  assertEquals(judgeAddress({ allow: [], deny: [] }, "192.168.100.5"), { allowed: true });
  assertEquals(judgeAddress({ allow: [], deny: [] }, "::1"), { allowed: true });
});

Deno.test("judgeAddress() applies IPv4 blocks to IPv4-mapped client addresses", () => {
  const policy = { allow: rules("192.168.100.0/24"), deny: [] };
  assertEquals(judgeAddress(policy, "::ffff:192.168.100.5").allowed, true);
  assertEquals(judgeAddress(policy, "192.168.101.5").allowed, false);
});

Deno.test("judgeAddress() lets deny win over allow", () => {
  const policy = { allow: rules("127.0.0.0/8", "::1"), deny: rules("127.0.0.2") };
  assertEquals(judgeAddress(policy, "127.0.0.1").allowed, true);
  assertEquals(judgeAddress(policy, "127.0.0.2"), {
    allowed: false,
    because: "denied by --deny 127.0.0.2",
  });
  assertEquals(judgeAddress(policy, "::1").allowed, true);
});

Deno.test("judgeAddress() refuses addresses outside every allow block, IPv6 included", () => {
  const policy = { allow: rules("fd00::/8"), deny: [] };
  assertEquals(judgeAddress(policy, "fd12::5").allowed, true);
  assertEquals(judgeAddress(policy, "::1"), {
    allowed: false,
    because: "not in any --allow block",
  });
  assertEquals(judgeAddress(policy, "127.0.0.1").allowed, false);
});

Deno.test("judgeAddress() treats a /0 block as every address of its family", () => {
  assertEquals(judgeAddress({ allow: rules("0.0.0.0/0"), deny: [] }, "8.8.8.8").allowed, true);
  assertEquals(judgeAddress({ allow: rules("0.0.0.0/0"), deny: [] }, "2001:db8::1").allowed, false);
  assertEquals(judgeAddress({ allow: rules("::/0"), deny: [] }, "2001:db8::1").allowed, true);
});

Deno.test("allowFileEntries() skips comments and blank lines", () => {
  assertEquals(
    allowFileEntries("# lab room\n192.168.100.0/24  # VMs\n\n  ::1\n"),
    ["192.168.100.0/24", "::1"],
  );
});

Deno.test("judgeAddress() says why in French when tp1 speaks French", () => {
  setLanguage("fr");
  try {
    const policy = { allow: rules("fd00::/8"), deny: rules("fd00::2") };
    assertEquals(judgeAddress(policy, "fd00::2"), {
      allowed: false,
      because: "exclu par --deny fd00::2",
    });
    assertEquals(judgeAddress(policy, "::1"), {
      allowed: false,
      because: "dans aucun bloc --allow",
    });
  } finally {
    setLanguage("en");
  }
});
