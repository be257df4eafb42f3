import { assertEquals } from "../_helpers/assert.ts";
import { headStartTarget } from "../../src/client/head_start.ts";
import { parseHostPort } from "../../src/core/host_port.ts";

Deno.test("headStartTarget() recognises connect ADDRESS [PORT] only, where tp1 connect dials just that", () => {
  const plain = [
    ["connect", "192.168.100.4"],
    ["connect", "127.0.0.1", "7999"],
    ["connect", "10.0.2.15", "1"],
    ["connect", "0.0.0.0", "65535"],
    ["connect", "255.255.255.255", "80"],
  ];
  for (const args of plain) {
    // The same target the ordinary road parses from the same words.
    assertEquals(headStartTarget(args), parseHostPort(args[1], args[2]), args.join(" "));
  }
});

Deno.test("headStartTarget() leaves anything else to the ordinary road", () => {
  const others = [
    [],
    ["connect"],
    ["serve", "127.0.0.1"],
    ["connect", "localhost"], // a name: resolved by tp1's own order
    ["connect", "vm1", "7999"],
    ["connect", "::1", "7999"],
    ["connect", "127.0.0.1:7999"],
    ["connect", "127.0.0.010"], // refused by tp1 (leading zero)
    ["connect", "256.0.0.1"],
    ["connect", "127.0.0.1", "0"],
    ["connect", "127.0.0.1", "65536"],
    ["connect", "127.0.0.1", "07999"],
    ["connect", "127.0.0.1", "-v"],
    ["connect", "127.0.0.1", "--tls"],
    ["connect", "127.0.0.1", "7999", "--password"],
    ["connect", "-u", "127.0.0.1"],
    ["--lang", "fr", "connect", "127.0.0.1"],
  ];
  for (const args of others) assertEquals(headStartTarget(args), undefined, args.join(" "));
});
