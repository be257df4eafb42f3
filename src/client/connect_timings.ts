/**
 * What `tp1 connect -v` says about each step of opening the connection, on a
 * terminal: how long the name took to resolve, the TCP handshake (connect), the
 * TLS handshake with what it agreed on, and the local address the system chose.
 */
import { decimal } from "../i18n/decimal_mark.ts";
import { t } from "../i18n/catalogue.ts";
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import type { ConnectStep } from "./open_client_connection.ts";

/** One line for one step, e.g. `* TCP connect (three-way handshake): 0.4 ms, from 127.0.0.1:51234`. */
export function describeStep(step: ConnectStep): string {
  switch (step.step) {
    case "resolved":
      return t().client.stepResolved(ms(step.ms), step.addresses.join(", "));
    case "connected":
      return t().client.stepConnected(
        formatHostPort(fromNetAddr(step.conn.remoteAddr)),
        ms(step.ms),
        formatHostPort(fromNetAddr(step.conn.localAddr)),
      );
    case "tls":
      return t().client.stepTls(
        ms(step.ms),
        step.conn.protocol ?? undefined,
        step.conn.cipher ?? undefined,
      );
  }
}

/** `0.42 ms`, `12.3 ms`, `1042 ms` (`2,94 ms` in French): the digits that matter at each scale. */
export function ms(value: number): string {
  const digits = value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : value.toFixed(0);
  return `${decimal(digits)} ms`;
}
