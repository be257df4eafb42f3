/**
 * Opens the server's listening socket: every IPv4 and IPv6 interface by default
 * (one dual-stack socket), or one address. Failures become sentences that say
 * who holds the port or what to do instead.
 */
import { t } from "../i18n/catalogue.ts";
import { formatHostPort } from "../core/host_port.ts";
import { UserError } from "../errors.ts";
import { describePortHolders } from "../proc/port_holders.ts";
import { type LookupAll, resolveHost } from "./resolve_host.ts";

/** The wildcard address that accepts IPv6 and, through mapped addresses, IPv4. */
export const ALL_INTERFACES = "::";

/**
 * Listens on `host` (all interfaces when omitted) and `port`. A host name is looked up first
 * (with `lookupAll`, for tests), so that one that does not resolve gets the sentence tp1
 * connect gives it, not Deno's "failed to lookup address information" (in English).
 */
export async function listen(
  port: number,
  host?: string,
  lookupAll?: LookupAll,
): Promise<Deno.TcpListener> {
  if (host !== undefined) await resolveHost(host, lookupAll);
  try {
    return listenOn(host ?? ALL_INTERFACES, port, host === undefined);
  } catch (error) {
    throw new UserError(await describeListenFailure(error, port, host));
  }
}

function listenOn(host: string, port: number, fallBackToIpv4: boolean): Deno.TcpListener {
  try {
    return Deno.listen({ hostname: host, port, transport: "tcp" });
  } catch (error) {
    // A machine with IPv6 turned off still deserves a server on every IPv4 interface.
    if (fallBackToIpv4 && error instanceof Deno.errors.AddrNotAvailable) {
      return Deno.listen({ hostname: "0.0.0.0", port, transport: "tcp" });
    }
    throw error;
  }
}

async function describeListenFailure(error: unknown, port: number, host?: string): Promise<string> {
  if (error instanceof Deno.errors.AddrInUse) {
    const holder = await describePortHolders(port).catch(() => undefined);
    return holder ? t().net.portInUseBy(port, holder) : t().net.portInUse(port);
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return t().net.privilegedPort(port);
  }
  if (error instanceof Deno.errors.AddrNotAvailable && host !== undefined) {
    return t().net.notLocalAddress(host);
  }
  const where = formatHostPort({ host: host ?? ALL_INTERFACES, port });
  return t().net.couldNotListen(where, error instanceof Error ? error.message : String(error));
}
