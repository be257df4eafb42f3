import { assertEquals } from "../_helpers/assert.ts";
import {
  type InterfaceAddress,
  pickReachableAddresses,
} from "../../src/net/reachable_addresses.ts";

const v4 = (address: string): InterfaceAddress => ({ family: "IPv4", address });
const v6 = (address: string): InterfaceAddress => ({ family: "IPv6", address });

Deno.test("pickReachableAddresses() leaves out loopback and link-local addresses", () => {
  assertEquals(
    pickReachableAddresses([
      v4("127.0.0.1"),
      v6("::1"),
      v4("169.254.3.4"),
      v6("fe80::1"),
      v6("FEBF::2"),
      v4("192.168.100.4"),
    ]),
    ["192.168.100.4"],
  );
});

Deno.test("pickReachableAddresses() lists IPv4 first when a machine has both families", () => {
  assertEquals(
    pickReachableAddresses([v6("2001:db8::4"), v4("10.0.0.4"), v6("fd00::4"), v4("192.168.1.4")]),
    ["10.0.0.4", "192.168.1.4", "2001:db8::4", "fd00::4"],
  );
});

Deno.test("pickReachableAddresses() lists an address once when two interfaces report it", () => {
  assertEquals(pickReachableAddresses([v4("10.0.0.4"), v4("10.0.0.4")]), ["10.0.0.4"]);
});

Deno.test("pickReachableAddresses() returns nothing when only loopback is up", () => {
  assertEquals(pickReachableAddresses([v4("127.0.0.1"), v6("::1")]), []);
  assertEquals(pickReachableAddresses([]), []);
});

Deno.test("pickReachableAddresses() keeps 127-like addresses that are not loopback", () => {
  // Only 127.0.0.0/8 is loopback; 172.x and 10.127.x are ordinary addresses.
  assertEquals(pickReachableAddresses([v4("172.16.0.1"), v4("10.127.0.1")]), [
    "172.16.0.1",
    "10.127.0.1",
  ]);
});
