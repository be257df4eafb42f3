import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { describeConnectFailure } from "../../src/net/connect_failure.ts";

const target = { host: "192.168.100.4", port: 7999 };

Deno.test("describeConnectFailure() tells the user to start a server when the connection is refused", () => {
  assertEquals(
    describeConnectFailure(target, new Deno.errors.ConnectionRefused("refused")),
    "nobody is listening on 192.168.100.4:7999 (connection refused); start the server there with: tp1 serve -p 7999",
  );
  assertIncludes(
    describeConnectFailure(target, Object.assign(new Error("x"), { code: "ECONNREFUSED" })),
    "connection refused",
  );
});

Deno.test("describeConnectFailure() names the delay and the firewall when the attempt times out", () => {
  assertEquals(
    describeConnectFailure(target, new Deno.errors.TimedOut("timed out"), 10_000),
    "no answer from 192.168.100.4:7999 after 10 s (connection timed out); check the address, and that a firewall does not drop the packets",
  );
});

Deno.test("describeConnectFailure() suggests checking the network when the host is unreachable", () => {
  const unreachable = Object.assign(new Error("No route to host"), { code: "EHOSTUNREACH" });
  assertIncludes(
    describeConnectFailure(target, unreachable),
    "cannot be reached (no route to host)",
  );
  assertIncludes(
    describeConnectFailure(target, new Error("Network is unreachable (os error 101)")),
    "cannot be reached",
  );
});

Deno.test("describeConnectFailure() asks whether it is a tp1 server when the peer resets", () => {
  assertIncludes(
    describeConnectFailure(target, new Deno.errors.ConnectionReset("reset")),
    "reset the connection while it was being opened",
  );
});

Deno.test("describeConnectFailure() keeps the system's message when the failure is unexpected", () => {
  assertEquals(
    describeConnectFailure({ host: "::1", port: 1 }, new Error("something odd")),
    "could not connect to [::1]:1: something odd",
  );
});
