import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import {
  DEFAULT_PORT,
  formatHostPort,
  fromNetAddr,
  HostTypoError,
  isIpv6,
  isIpv6Literal,
  parseHostPort,
  unmapIpv4,
} from "../../src/core/host_port.ts";
import { parsePortNumber } from "../../src/core/port_number.ts";
import { parseAddressRule } from "../../src/access/address_rule.ts";
import { UsageError } from "../../src/errors.ts";
import { setLanguage } from "../../src/i18n/catalogue.ts";

Deno.test("parseHostPort() uses the lab's port 7999 when only HOST is given", () => {
  assertEquals(DEFAULT_PORT, 7999);
  assertEquals(parseHostPort("192.168.100.4"), { host: "192.168.100.4", port: 7999 });
  assertEquals(parseHostPort("vm1"), { host: "vm1", port: 7999 });
});

Deno.test("parseHostPort() uses the fallback port when one is given and no port is typed", () => {
  assertEquals(parseHostPort("vm1", undefined, 80), { host: "vm1", port: 80 });
});

Deno.test("parseHostPort() reads the port when it is written HOST:PORT", () => {
  assertEquals(parseHostPort("vm1:8000"), { host: "vm1", port: 8000 });
  assertEquals(parseHostPort("127.0.0.1:1"), { host: "127.0.0.1", port: 1 });
});

Deno.test("parseHostPort() reads the port when it is a separate argument", () => {
  assertEquals(parseHostPort("vm1", "8000"), { host: "vm1", port: 8000 });
});

Deno.test("parseHostPort() reads an IPv6 address and port when written [V6]:PORT", () => {
  assertEquals(parseHostPort("[::1]:8000"), { host: "::1", port: 8000 });
  assertEquals(parseHostPort("[fe80::1%eth0]:22"), { host: "fe80::1%eth0", port: 22 });
});

Deno.test("parseHostPort() reads [V6] without a port when brackets are used alone", () => {
  assertEquals(parseHostPort("[::1]"), { host: "::1", port: 7999 });
});

Deno.test("parseHostPort() takes a bare IPv6 address whole when it has several colons", () => {
  assertEquals(parseHostPort("::1"), { host: "::1", port: 7999 });
  assertEquals(parseHostPort("2001:db8::4", "80"), { host: "2001:db8::4", port: 80 });
  assertEquals(parseHostPort("::ffff:192.168.1.2"), { host: "::ffff:192.168.1.2", port: 7999 });
});

Deno.test("parseHostPort() accepts the same port twice when HOST:PORT and PORT agree", () => {
  assertEquals(parseHostPort("vm1:8000", "8000"), { host: "vm1", port: 8000 });
  assertEquals(parseHostPort("[::1]:8000", "08000"), { host: "::1", port: 8000 });
});

Deno.test("parseHostPort() throws UsageError naming both ports when they conflict", () => {
  assertThrows(
    () => parseHostPort("vm1:8000", "9000"),
    UsageError,
    "two different ports were given: 8000 and 9000",
  );
  assertThrows(() => parseHostPort("[::1]:1", "2"), UsageError, "1 and 2");
});

Deno.test("parseHostPort() throws UsageError quoting the port when it is not a port", () => {
  for (const bad of ["0", "65536", "99999", "http", "-1", "80.5", "0x50", "1e3", " 80", ""]) {
    assertThrows(() => parseHostPort(`vm1:${bad}`), UsageError, JSON.stringify(bad));
    assertThrows(() => parseHostPort("vm1", bad), UsageError, JSON.stringify(bad));
  }
});

Deno.test("parseHostPort() throws UsageError when the host is empty", () => {
  assertThrows(() => parseHostPort(""), UsageError, "the host is empty");
  assertThrows(() => parseHostPort(":8000"), UsageError, 'the host is empty in ":8000"');
  assertThrows(() => parseHostPort("[]:8000"), UsageError, "the host is empty");
});

Deno.test("parseHostPort() throws UsageError when a bracket is not closed", () => {
  assertThrows(() => parseHostPort("[::1:8000"), UsageError, 'missing its closing "]"');
});

Deno.test("parseHostPort() throws UsageError when text follows the closing bracket without a colon", () => {
  assertThrows(
    () => parseHostPort("[::1]8000"),
    UsageError,
    '"[::1]8000" has something other than ":PORT" after the "]"',
  );
});

Deno.test("parsePortNumber() accepts every port from 1 to 65535 when written in decimal", () => {
  assertEquals(parsePortNumber("1"), 1);
  assertEquals(parsePortNumber("7999"), 7999);
  assertEquals(parsePortNumber("65535"), 65535);
});

Deno.test("formatHostPort() brackets IPv6 addresses when it prints them", () => {
  assertEquals(formatHostPort({ host: "::1", port: 7999 }), "[::1]:7999");
  assertEquals(formatHostPort({ host: "192.168.100.4", port: 7999 }), "192.168.100.4:7999");
  assertEquals(formatHostPort({ host: "vm1", port: 80 }), "vm1:80");
});

Deno.test("formatHostPort() shows an IPv4-mapped address as IPv4 when a dual-stack socket reports one", () => {
  assertEquals(formatHostPort({ host: "::ffff:127.0.0.1", port: 5 }), "127.0.0.1:5");
  assertEquals(unmapIpv4("::FFFF:10.0.0.1"), "10.0.0.1");
  assertEquals(unmapIpv4("::1"), "::1");
});

Deno.test("formatHostPort() prints what parseHostPort() reads back when round-tripped", () => {
  for (const typed of ["vm1:8000", "[::1]:8000", "10.0.0.1:1", "[2001:db8::1]:65535"]) {
    assertEquals(formatHostPort(parseHostPort(typed)), typed);
  }
});

Deno.test("isIpv6() is true only when the host is an IPv6 literal", () => {
  assertEquals(isIpv6("::1"), true);
  assertEquals(isIpv6("127.0.0.1"), false);
  assertEquals(isIpv6("localhost"), false);
});

Deno.test("fromNetAddr() keeps the host and port when given a socket address", () => {
  assertEquals(
    fromNetAddr({ transport: "tcp", hostname: "127.0.0.1", port: 42 }),
    { host: "127.0.0.1", port: 42 },
  );
});

Deno.test("parseHostPort() refuses a URL, a network and two ports as typos, with the host meant", () => {
  // Before: these were looked up as names (or tried as IPv6) and failed with resolver jargon.
  const cases: [string, { host: string; port?: string }, string][] = [
    ["http://192.168.100.4:7999", { host: "192.168.100.4", port: "7999" }, "is a URL"],
    ["tcp://[::1]:80/x", { host: "::1", port: "80" }, "is a URL"],
    ["192.168.100.4:7999:1", { host: "192.168.100.4", port: "7999" }, "has 2 colons"],
    ["192.168.100.4/24", { host: "192.168.100.4" }, "is a network"],
    ["fe80::1/64", { host: "fe80::1" }, "is a network"],
    ["alice@vm1", { host: "vm1" }, "names a user"],
  ];
  for (const [typed, meant, message] of cases) {
    const error = assertThrows(() => parseHostPort(typed), HostTypoError, message);
    assertEquals((error as HostTypoError).meant, meant, typed);
  }
});

Deno.test("parseHostPort() refuses what is no host name or address before any lookup", () => {
  assertThrows(() => parseHostPort("192.168.100"), UsageError, "is not an IPv4 address");
  assertThrows(() => parseHostPort("192.168.100.256"), UsageError, "is not an IPv4 address");
  assertThrows(() => parseHostPort("vm 1"), UsageError, "is not a host name");
  assertThrows(() => parseHostPort("1::2::3"), UsageError, "colons");
});

Deno.test("isIpv6Literal() tells IPv6 addresses from other text with colons", () => {
  for (
    const ok of ["::1", "::", "2001:db8::4", "1:2:3:4:5:6:7:8", "::ffff:1.2.3.4", "fe80::1%eth0"]
  ) {
    assertEquals(isIpv6Literal(ok), true, ok);
  }
  for (
    const bad of ["1:2:3", "a:b:c:d:e:f:1:2:3", "1::2::3", "::ffff:1.2.3.400", "host:1:2", ":1"]
  ) {
    assertEquals(isIpv6Literal(bad), false, bad);
  }
});

Deno.test("parseHostPort() refuses a leading-zero octet before any lookup, as --allow does", () => {
  // Before: "127.0.0.010" passed, and the system's resolver read it as octal: 127.0.0.8.
  for (const host of ["127.0.0.010", "010.1.2.3", "::ffff:127.0.0.010"]) {
    const refused = assertThrows(() => parseHostPort(host, "9"), UsageError);
    // One rule, one sentence: the same words as serve --allow says for the same address.
    const rule = assertThrows(() => parseAddressRule(host), UsageError);
    assertEquals(refused.message, rule.message);
  }
  assertThrows(() => parseHostPort("127.0.0.010:9"), UsageError, "write 127.0.0.10 if you mean");
  assertEquals(parseHostPort("10.0.0.0", "9"), { host: "10.0.0.0", port: 9 });
});

Deno.test("in French, a mistyped IPv4 address and a leading zero are refused in French", () => {
  setLanguage("fr");
  try {
    assertThrows(
      () => parseHostPort("192.168.100.4."),
      UsageError,
      "192.168.100.4.\u00a0» n'est pas une adresse IPv4",
    );
    assertThrows(() => parseHostPort("127.0.0.01"), UsageError, "écrivez 127.0.0.1");
  } finally {
    setLanguage("en");
  }
});
