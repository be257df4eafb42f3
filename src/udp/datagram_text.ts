/**
 * How a received datagram is shown on a terminal: who sent it, its size, and
 * its text decoded as UTF-8 (the datagram whole, so a character is never cut)
 * and sanitised as TCP lines are, so escape sequences are shown, never obeyed.
 * Pure.
 */
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { formatHostPort } from "../core/host_port.ts";
import type { SocketEndpoint } from "./socket_address.ts";
import { t } from "../i18n/catalogue.ts";

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** `ADDR:PORT` as people type it (`[::1]:7999` for IPv6). */
export function endpointText({ address, port }: SocketEndpoint): string {
  return formatHostPort({ host: address, port });
}

/** `from 192.168.100.5:51234 (19 bytes): bonjour` (`(19 octets) : bonjour` in French); one final newline (nc sends it) is not shown. */
export function datagramLine(from: SocketEndpoint, bytes: Uint8Array): string {
  const text = decoder.decode(bytes).replace(/\r?\n$/, "");
  return t().udp.datagramLine(
    endpointText(from),
    t().udp.bytes(bytes.length),
    sanitizeForDisplay(text),
  );
}
