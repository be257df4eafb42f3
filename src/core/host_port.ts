/**
 * A host and a TCP port, parsed from what a user types (`host`, `host:port`,
 * `[v6]:port`, a bare IPv6 address) and printed back the way they would type it.
 */
import { UsageError } from "../errors.ts";
import { parsePortNumber } from "./port_number.ts";

/** The lab's port, used when none is given. */
export const DEFAULT_PORT = 7999;

/** Where to connect or listen: a name or an IP address, and a port. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * Reads `HOST`, `HOST:PORT`, `[V6]:PORT` or `V6` plus an optional separate PORT.
 * A port given twice must agree; none at all means `fallbackPort`.
 */
export function parseHostPort(
  target: string,
  separatePort?: string,
  fallbackPort: number = DEFAULT_PORT,
): HostPort {
  const { host, port: embedded } = splitTarget(target);
  if (host === "") throw new UsageError(`the host is empty in "${target}"`);
  const ports = [embedded, separatePort].filter((p): p is string => p !== undefined)
    .map(parsePortNumber);
  if (ports.length === 2 && ports[0] !== ports[1]) {
    throw new UsageError(`two different ports were given: ${ports[0]} and ${ports[1]}`);
  }
  return { host, port: ports[0] ?? fallbackPort };
}

function splitTarget(target: string): { host: string; port?: string } {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(target);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  if (target.startsWith("[")) {
    throw new UsageError(
      target.includes("]")
        ? `"${target}" has something other than ":PORT" after the "]"`
        : `"${target}" is missing its closing "]"`,
    );
  }
  const colons = target.split(":").length - 1;
  if (colons === 1) {
    const [host, port] = target.split(":");
    return { host, port };
  }
  // No colon is a name or IPv4 address; several colons is a bare IPv6 address.
  return { host: target };
}

/** Whether `host` is an IPv6 address literal (it contains a colon). */
export function isIpv6(host: string): boolean {
  return host.includes(":");
}

/** Shows an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`) as the IPv4 address it carries. */
export function unmapIpv4(host: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host);
  return mapped ? mapped[1] : host;
}

/** Formats `host:port`, bracketing IPv6 addresses: `[::1]:7999`. */
export function formatHostPort({ host, port }: HostPort): string {
  const shown = unmapIpv4(host);
  return isIpv6(shown) ? `[${shown}]:${port}` : `${shown}:${port}`;
}

/** The host and port of a socket address reported by Deno. */
export function fromNetAddr(addr: Deno.NetAddr): HostPort {
  return { host: addr.hostname, port: addr.port };
}
