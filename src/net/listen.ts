/**
 * Opens the server's listening socket: every IPv4 and IPv6 interface by default
 * (one dual-stack socket), or one address. Failures become sentences that say
 * who holds the port or what to do instead.
 */
import { formatHostPort } from "../core/host_port.ts";
import { UserError } from "../errors.ts";
import { describePortHolders } from "../proc/port_holders.ts";

/** The wildcard address that accepts IPv6 and, through mapped addresses, IPv4. */
export const ALL_INTERFACES = "::";

/** Listens on `host` (all interfaces when omitted) and `port`. */
export async function listen(port: number, host?: string): Promise<Deno.TcpListener> {
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
    return holder
      ? `port ${port} is already in use: ${holder}; or pick another port with -p`
      : `port ${port} is already in use; run "tp1 port ${port}" to see by whom, or pick another port with -p`;
  }
  if (error instanceof Deno.errors.PermissionDenied) {
    return `port ${port} is below 1024 and only root may listen on it; run with sudo or pick a port from 1024 up with -p`;
  }
  if (error instanceof Deno.errors.AddrNotAvailable && host !== undefined) {
    return `${host} is not an address of this machine; leave out --host to listen on every interface`;
  }
  const where = formatHostPort({ host: host ?? ALL_INTERFACES, port });
  return `could not listen on ${where}: ${error instanceof Error ? error.message : String(error)}`;
}
