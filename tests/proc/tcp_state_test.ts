/** Tests for `tcpStateName`, the kernel TCP state numbers as names. */
import { assertEquals } from "../_helpers/assert.ts";
import { tcpStateName } from "../../src/proc/tcp_state.ts";

Deno.test("tcpStateName() names every state the kernel numbers in include/net/tcp_states.h", () => {
  assertEquals(
    Array.from({ length: 13 }, (_, i) => tcpStateName(i + 1)),
    [
      "ESTABLISHED",
      "SYN_SENT",
      "SYN_RECV",
      "FIN_WAIT1",
      "FIN_WAIT2",
      "TIME_WAIT",
      "CLOSE",
      "CLOSE_WAIT",
      "LAST_ACK",
      "LISTEN",
      "CLOSING",
      "NEW_SYN_RECV",
      "BOUND_INACTIVE",
    ],
  );
});

Deno.test("tcpStateName() shows the hex code when the state is unknown", () => {
  assertEquals(tcpStateName(0x0e), "UNKNOWN_0E");
  assertEquals(tcpStateName(0), "UNKNOWN_00");
});
