/**
 * What `tp1 connect -v` says about each step of opening the connection, on a
 * terminal: how long the name took to resolve, the TCP handshake (connect), the
 * TLS handshake with what it agreed on, and the local address the system chose.
 */
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import type { ConnectStep } from "./open_client_connection.ts";

/** One line for one step, e.g. `* TCP connect (three-way handshake): 0.4 ms, from 127.0.0.1:51234`. */
export function describeStep(step: ConnectStep): string {
  switch (step.step) {
    case "resolved":
      return `* name resolution: ${ms(step.ms)} (${step.addresses.join(", ")})`;
    case "connected":
      return `* TCP connect (three-way handshake) to ${
        formatHostPort(fromNetAddr(step.conn.remoteAddr))
      }: ${ms(step.ms)}, local address ${formatHostPort(fromNetAddr(step.conn.localAddr))}`;
    case "tls":
      return `* TLS handshake: ${ms(step.ms)}, ${step.conn.protocol ?? "unknown version"}, ${
        step.conn.cipher ?? "unknown cipher"
      }`;
  }
}

/** `0.42 ms`, `12.3 ms`, `1042 ms`: the digits that matter at each scale. */
export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`;
}
