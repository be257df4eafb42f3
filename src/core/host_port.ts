/**
 * A host and a TCP port, parsed from what a user types (`host`, `host:port`,
 * `[v6]:port`, a bare IPv6 address) and printed back the way they would type it.
 */
import { t } from "../i18n/catalogue.ts";
import { UsageError } from "../errors.ts";
import { leadingZeroProblem } from "./ip_address.ts";
import { parsePortNumber } from "./port_number.ts";
import { DEFAULT_PORT } from "./default_port.ts";

export { DEFAULT_PORT };

/** Where to connect or listen: a name or an IP address, and a port. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

/**
 * A HOST typed in a shape that is not a host (a URL, a network, two ports):
 * a usage error that carries what the user most likely meant, so a command can
 * print the whole command line to type instead.
 */
export class HostTypoError extends UsageError {
  override name = "HostTypoError";
  /** @param meant the host (and port, when one was typed) the user most likely meant */
  constructor(message: string, readonly meant: { host: string; port?: string }) {
    super(message);
  }
}

/**
 * Reads `HOST`, `HOST:PORT`, `[V6]:PORT` or `V6` plus an optional separate PORT.
 * A port given twice must agree; none at all means `fallbackPort`. Shapes that
 * are not a host (`http://…`, `…/24`, `a:1:2`) are refused before any lookup.
 */
export function parseHostPort(
  target: string,
  separatePort?: string,
  fallbackPort: number = DEFAULT_PORT,
): HostPort {
  const { host, port: embedded } = splitTarget(target);
  if (host === "") throw new UsageError(t().usage.hostEmpty(target));
  checkHost(host, target);
  const ports = [embedded, separatePort].filter((p): p is string => p !== undefined)
    .map(parsePortNumber);
  if (ports.length === 2 && ports[0] !== ports[1]) {
    throw new UsageError(t().usage.twoPorts(ports[0], ports[1]));
  }
  return { host, port: ports[0] ?? fallbackPort };
}

const URL_SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(.*)$/;

function splitTarget(target: string): { host: string; port?: string } {
  const url = URL_SCHEME.exec(target);
  if (url) {
    // "http://user@host:port/path?query" -> host:port
    const authority = url[2].replace(/[/?#].*$/, "").replace(/^.*@/, "");
    const meant = authority === "" ? undefined : safeSplit(authority);
    throw new HostTypoError(
      t().usage.isUrl(target, url[1]),
      meant ?? { host: "HOST" },
    );
  }
  const slash = target.indexOf("/");
  if (slash !== -1) {
    const before = target.slice(0, slash);
    const after = target.slice(slash + 1);
    const network = /^\d{1,3}$/.test(after);
    throw new HostTypoError(
      network ? t().usage.isNetwork(target, after) : t().usage.hasSlash(target),
      safeSplit(before) ?? { host: "HOST" },
    );
  }
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/.exec(target);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] };
  if (target.startsWith("[")) {
    throw new UsageError(
      target.includes("]") ? t().usage.afterBracket(target) : t().usage.noClosingBracket(target),
    );
  }
  const parts = target.split(":");
  if (parts.length === 2) return { host: parts[0], port: parts[1] };
  if (parts.length > 2 && !isIpv6Literal(target)) {
    // "192.168.100.4:7999:1": a host and a port, then something more.
    throw new HostTypoError(
      t().usage.colons(target, parts.length - 1),
      /^\d+$/.test(parts[1]) ? { host: parts[0], port: parts[1] } : { host: parts[0] },
    );
  }
  // No colon is a name or IPv4 address; several colons is a bare IPv6 address.
  return { host: target };
}

/** `host[:port]` split without throwing; undefined when even that is not a host. */
function safeSplit(text: string): { host: string; port?: string } | undefined {
  try {
    const { host, port } = splitTarget(text);
    return host === "" ? undefined : port === undefined ? { host } : { host, port };
  } catch {
    return undefined;
  }
}

/** Refuses what cannot be a host name or an address, so no lookup is tried for it. */
function checkHost(host: string, target: string): void {
  if (isIpv6(host)) {
    if (!isIpv6Literal(host)) {
      throw new UsageError(t().usage.notIpv6(host, target));
    }
    refuseLeadingZero(host);
    return;
  }
  if (/^[0-9.]+$/.test(host)) {
    const numbers = host.split(".");
    if (numbers.length !== 4 || numbers.some((n) => !/^\d{1,3}$/.test(n) || Number(n) > 255)) {
      throw new UsageError(t().usage.notIpv4(host));
    }
    refuseLeadingZero(host);
    return;
  }
  const at = host.lastIndexOf("@");
  if (at !== -1 && at < host.length - 1) {
    throw new HostTypoError(
      t().usage.userAndHost(host),
      { host: host.slice(at + 1) },
    );
  }
  if (!/^[\p{L}\p{N}_-]+(\.[\p{L}\p{N}_-]+)*\.?$/u.test(host)) {
    throw new UsageError(
      t().usage.notHostName(host),
    );
  }
}

/** `127.0.0.010` is 127.0.0.8 to the system's resolver but 10 to a reader: refused, as --allow does. */
function refuseLeadingZero(host: string): void {
  const ambiguous = leadingZeroProblem(host);
  if (ambiguous !== undefined) throw new UsageError(ambiguous);
}

/** Whether `text` is an IPv6 address literal, with an optional `%zone`. */
export function isIpv6Literal(text: string): boolean {
  const [address, zone, ...more] = text.split("%");
  if (more.length > 0 || (zone !== undefined && !/^[\w.-]+$/.test(zone))) return false;
  // An IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const v4 = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (v4 && v4[2].split(".").some((n) => Number(n) > 255)) return false;
  const hex = v4 ? `${v4[1]}0:0` : address;
  if (!/^[0-9A-Fa-f:]+$/.test(hex)) return false;
  const doubles = hex.split("::").length - 1;
  if (doubles > 1) return false;
  const groups = hex.split(":").filter((g) => g !== "");
  if (groups.some((g) => g.length > 4)) return false;
  if (doubles === 0) return groups.length === 8 && !hex.startsWith(":") && !hex.endsWith(":");
  return groups.length <= 7 && !/(^:[^:])|([^:]:$)/.test(hex);
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
