import { assertEquals } from "../_helpers/assert.ts";
/** One parser for IP literals and host names, shared by the certificate maker and `tp1 cert`. */
import { isHostName } from "../../src/core/host_name.ts";
import { ipLiteralBytes } from "../../src/core/ip_address.ts";

Deno.test("ipLiteralBytes gives 4 bytes for IPv4 and 16 for IPv6, brackets allowed", () => {
  assertEquals([...ipLiteralBytes("127.0.0.1")!], [127, 0, 0, 1]);
  assertEquals([...ipLiteralBytes("[::1]")!], [...Array(15).fill(0), 1]);
  assertEquals(
    [...ipLiteralBytes("::ffff:10.0.0.1")!],
    [...Array(10).fill(0), 0xff, 0xff, 10, 0, 0, 1],
  );
  assertEquals([...ipLiteralBytes("fe80::1:ab")!].slice(0, 2), [0xfe, 0x80]);
});

Deno.test("ipLiteralBytes refuses zone ids, leading zeros and names", () => {
  for (const text of ["fe80::1%eth0", "127.0.0.010", "300.1.1.1", "1::2::3", "localhost", ""]) {
    assertEquals(ipLiteralBytes(text), undefined, text);
  }
});

Deno.test("isHostName takes DNS names and wildcards, not addresses or junk", () => {
  for (const name of ["localhost", "tp1.lab.example", "*.lab.example", "pc_12", "host."]) {
    assertEquals(isHostName(name), true, name);
  }
  for (const name of ["300.1.1.1", "-bad", "a..b", "sp ace", "::1", "*", "a.*.b"]) {
    assertEquals(isHostName(name), false, name);
  }
});
