/** Tests for the `--udp` option checks: TCP-only options refused with the reason, and the reverse. */
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { UsageError } from "../../src/errors.ts";
import { refuseTcpOnlyOptions, refuseUdpOnlyOptions } from "../../src/cli/udp_options.ts";

Deno.test("refuseTcpOnlyOptions() names the first TCP-only option and why it has no meaning for UDP", () => {
  const error = assertThrows(
    () => refuseTcpOnlyOptions({ udp: true, port: "8000", idle: "30" }, "usage"),
    UsageError,
  );
  assertEquals(
    error.message,
    "--idle does not go with --udp: there is no connection to close after a silence",
  );
  assertEquals((error as UsageError).usage, "usage");
  refuseTcpOnlyOptions({ udp: true, port: "8000", allow: ["10.0.0.0/8"], crlf: true }, "usage");
});

Deno.test("refuseTcpOnlyOptions() does not point tp1 connect at --allow, a serve option", () => {
  const error = assertThrows(
    () => refuseTcpOnlyOptions({ udp: true, password: "x" }, "usage", "connect"),
    UsageError,
  );
  assertEquals(
    error.message,
    "--password does not go with --udp: a password is checked once at the start of a connection, and UDP has none",
  );
  const serve = assertThrows(
    () => refuseTcpOnlyOptions({ udp: true, password: "x" }, "usage"),
    UsageError,
  );
  assertEquals(serve.message.endsWith("; use --allow to choose who may send"), true);
});

Deno.test("refuseUdpOnlyOptions() asks for --udp when --broadcast or --linger is given alone", () => {
  const error = assertThrows(() => refuseUdpOnlyOptions({ linger: "2" }, "usage"), UsageError);
  assertEquals(error.message, "--linger is for UDP: add --udp");
  refuseUdpOnlyOptions({ tls: true }, "usage");
});
