/**
 * Names of the TCP states as the kernel numbers them in the `st` column of
 * /proc/net/tcp (include/net/tcp_states.h), so users see `LISTEN`, not `0A`.
 */

// Index + 1 is the kernel's state number.
const STATE_NAMES = [
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
] as const;

/** A TCP state name; a code this table does not know shows as e.g. `UNKNOWN_0F`. */
export type TcpState = typeof STATE_NAMES[number] | `UNKNOWN_${string}`;

/** Returns the name of kernel TCP state number `code` (1 is `ESTABLISHED`, 10 is `LISTEN`). */
export function tcpStateName(code: number): TcpState {
  return STATE_NAMES[code - 1] ??
    `UNKNOWN_${code.toString(16).toUpperCase().padStart(2, "0")}`;
}
