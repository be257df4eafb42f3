/**
 * Opens the UDP sockets tp1 needs, with failures said as sentences: the
 * server's (every interface by default, one dual-stack socket) and the
 * client's (connected to its server, or free to broadcast).
 */
import { formatHostPort, type HostPort } from "../core/host_port.ts";
import { UsageError, UserError } from "../errors.ts";
import { resolveHost } from "../net/resolve_host.ts";
import { describePortHolders } from "../proc/port_holders.ts";
import { UdpError, UdpSocket } from "./udp_socket.ts";
import type { SocketEndpoint } from "./socket_address.ts";
import { t } from "../i18n/catalogue.ts";

const RECEIVE_BUFFER = 4 * 1024 * 1024;

/** Binds the server's socket on `host` (every interface when omitted) and `port`. */
export async function openServerSocket(port: number, host?: string): Promise<UdpSocket> {
  const address = host === undefined ? "::" : (await resolveHost(host))[0];
  try {
    return bound(address, port, host === undefined);
  } catch (error) {
    if (!(error instanceof UdpError)) throw error;
    throw new UserError(await describeBindFailure(error, port, host));
  }
}

function bound(address: string, port: number, fallBackToIpv4: boolean): UdpSocket {
  const family = address.includes(":") ? "IPv6" : "IPv4";
  let socket: UdpSocket;
  try {
    socket = UdpSocket.open(family, { receiveBuffer: RECEIVE_BUFFER });
  } catch (error) {
    // A machine with IPv6 turned off still deserves a server on every IPv4 interface.
    if (fallBackToIpv4 && error instanceof UdpError) return bound("0.0.0.0", port, false);
    throw error;
  }
  try {
    socket.bind(address, port);
    return socket;
  } catch (error) {
    socket.close();
    if (fallBackToIpv4 && error instanceof UdpError && error.kind === "address-not-available") {
      return bound("0.0.0.0", port, false);
    }
    throw error;
  }
}

async function describeBindFailure(error: UdpError, port: number, host?: string): Promise<string> {
  switch (error.kind) {
    case "address-in-use": {
      const holder = await describePortHolders(port, {}, "udp").catch(() => undefined);
      return holder ? t().udp.portInUseBy(port, holder) : t().udp.portInUse(port);
    }
    case "not-permitted":
      return t().udp.privilegedPort(port);
    case "address-not-available":
      return t().udp.notLocalAddress(String(host));
    default:
      return t().udp.couldNotListen(formatHostPort({ host: host ?? "::", port }), error.message);
  }
}

/** The client's socket and where its datagrams go. */
export interface ClientSocket {
  readonly socket: UdpSocket;
  /** The server's address, resolved. */
  readonly peer: SocketEndpoint;
  /** Connected to the server (port unreachable is reported); false when broadcasting. */
  readonly connected: boolean;
}

/**
 * Opens the client's socket: connected to `target`, or with `broadcast` allowed
 * to send to a broadcast address and to hear replies from any machine.
 */
export async function openClientSocket(
  target: HostPort,
  broadcast: boolean,
  usage: string,
): Promise<ClientSocket> {
  const address = (await resolveHost(target.host))[0];
  const family = address.includes(":") ? "IPv6" : "IPv4";
  const peer = { address, port: target.port };
  const where = formatHostPort(target);
  if (broadcast) {
    if (family === "IPv6") {
      throw new UsageError(t().udp.usage.noIpv6Broadcast, usage);
    }
    const socket = UdpSocket.open("IPv4", { broadcast: true });
    socket.bind("0.0.0.0", 0);
    return { socket, peer, connected: false };
  }
  const socket = UdpSocket.open(family);
  try {
    socket.connect(address, target.port);
  } catch (error) {
    socket.close();
    if (!(error instanceof UdpError)) throw error;
    if (error.kind === "not-permitted") {
      throw new UsageError(t().udp.usage.needsBroadcast(target.host), usage);
    }
    throw new UserError(t().udp.cannotSend(where, error.message));
  }
  return { socket, peer, connected: true };
}

/** The sentence for the ICMP "port unreachable" answer (with what to do, unless `short`). */
export function nobodyListening(target: HostPort, short = false): string {
  return t().udp.nobodyListening(formatHostPort(target), !short);
}
