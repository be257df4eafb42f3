/** Tests for `decodeProcAddress`, the little-endian hex addresses of /proc/net/tcp(6). */
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { decodeProcAddress } from "../../src/proc/proc_address.ts";

// Encodes eight 16-bit groups the way a little-endian kernel prints them, so the
// compression cases below can be written as plain group lists.
function procHex(groups: number[]): string {
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  let hex = "";
  for (let word = 0; word < 16; word += 4) {
    for (let i = word + 3; i >= word; i--) hex += bytes[i].toString(16).padStart(2, "0");
  }
  return hex.toUpperCase();
}

Deno.test("decodeProcAddress() reads IPv4 with its bytes reversed when given 8 hex digits", () => {
  assertEquals(decodeProcAddress("0100007F"), "127.0.0.1");
  assertEquals(decodeProcAddress("00000000"), "0.0.0.0");
  assertEquals(decodeProcAddress("0464A8C0"), "192.168.100.4");
  assertEquals(decodeProcAddress("0464a8c0"), "192.168.100.4");
});

Deno.test("decodeProcAddress() compresses IPv6 when given 32 hex digits", () => {
  assertEquals(decodeProcAddress("00000000000000000000000000000000"), "::");
  assertEquals(decodeProcAddress("00000000000000000000000001000000"), "::1");
  assertEquals(decodeProcAddress("B80D0120000000000000000001000000"), "2001:db8::1");
  assertEquals(decodeProcAddress("000080FE00000000FF27000AA1664EFE"), "fe80::a00:27ff:fe4e:66a1");
});

Deno.test("decodeProcAddress() shows IPv4-mapped IPv6 as plain IPv4", () => {
  assertEquals(decodeProcAddress("0000000000000000FFFF00000100007F"), "127.0.0.1");
  assertEquals(decodeProcAddress("0000000000000000FFFF00000464A8C0"), "192.168.100.4");
});

Deno.test("decodeProcAddress() follows RFC 5952 when choosing which zeros become ::", () => {
  assertEquals(procHex([1, 0, 0, 0, 0, 0, 0, 1]), "00000100000000000000000001000000");
  const cases: [number[], string][] = [
    [[1, 0, 0, 2, 0, 0, 0, 3], "1:0:0:2::3"], // the longest run wins
    [[1, 0, 0, 2, 0, 0, 3, 4], "1::2:0:0:3:4"], // the first of equal runs wins
    [[1, 0, 2, 3, 4, 5, 6, 7], "1:0:2:3:4:5:6:7"], // a lone zero group stays
    [[1, 2, 3, 4, 5, 6, 7, 0], "1:2:3:4:5:6:7:0"],
    [[1, 2, 3, 4, 5, 6, 0, 0], "1:2:3:4:5:6::"],
    [[0xabcd, 0, 0, 0, 0, 0, 0, 0], "abcd::"],
    [[0, 0, 0, 0, 0xffff, 0, 0, 0], "::ffff:0:0:0"], // ffff in the wrong group is not IPv4-mapped
    [[0x64, 0xff9b, 0, 0, 0, 0, 0x0102, 0x0304], "64:ff9b::102:304"],
  ];
  for (const [groups, text] of cases) assertEquals(decodeProcAddress(procHex(groups)), text);
});

Deno.test("decodeProcAddress() throws a TypeError quoting the text when it is not 8 or 32 hex digits", () => {
  for (const hex of ["", "0100007", "0100007G", "0".repeat(16), "0".repeat(33)]) {
    assertEquals(
      assertThrows(() => decodeProcAddress(hex), TypeError).message,
      `a /proc address must be 8 or 32 hex digits, got ${JSON.stringify(hex)}`,
    );
  }
});
