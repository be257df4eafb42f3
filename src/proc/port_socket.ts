/**
 * The sockets that use one TCP port, each joined with its holders and user name —
 * the model that `tp1 port` renders and `serve` quotes. Pure: built from already
 * parsed /proc data.
 */
import type { TcpSocketEntry } from "./proc_net_tcp.ts";
import type { ProcessInfo, SocketOwners } from "./socket_owners.ts";

/** A socket that uses the port, with who holds it. */
export interface PortSocket extends TcpSocketEntry {
  /** Processes holding the socket; empty when none was found (TIME_WAIT, or hidden from us). */
  readonly owners: readonly ProcessInfo[];
  /** The socket owner's user name (or uid as text); undefined for TIME_WAIT, which has no owner. */
  readonly user: string | undefined;
}

/** Everything known about who uses one TCP port. */
export interface PortUsage {
  readonly port: number;
  /** Sockets whose local or remote port is `port`, holders of the port first. */
  readonly sockets: readonly PortSocket[];
  /** Whether some holders may be missing because their fd tables could not be read, and why. */
  readonly hiddenOwners: HiddenOwners;
  /** The protocols looked at (TCP only when absent). */
  readonly protocols?: readonly Protocol[];
}

/** A transport protocol `tp1 port` can list. */
export type Protocol = "tcp" | "udp";

/**
 * `none`: every process was inspected; `need-root`: other users' processes were
 * not, and root could; `denied-to-root`: the kernel refused even root (a sandbox,
 * or a protected init such as a microVM's pid 1).
 */
export type HiddenOwners = "none" | "need-root" | "denied-to-root";

// Listeners first, then live connections, then the ones going away.
const STATE_ORDER = [
  "LISTEN",
  "UNCONN",
  "ESTABLISHED",
  "SYN_SENT",
  "SYN_RECV",
  "CLOSE_WAIT",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "LAST_ACK",
  "CLOSING",
  "TIME_WAIT",
];

/** Picks the entries that use `port` (locally or as the peer) and joins owners and user names. */
export function buildPortUsage(
  port: number,
  entries: readonly TcpSocketEntry[],
  owners: SocketOwners,
  userNames: ReadonlyMap<number, string>,
  asRoot: boolean,
  protocols: readonly Protocol[] = ["tcp"],
): PortUsage {
  const sockets = entries
    .filter((e) => e.local.port === port || e.remote.port === port)
    .map((entry): PortSocket => ({
      ...entry,
      owners: (entry.inode === 0 ? undefined : owners.byInode.get(entry.inode)) ??
        [],
      user: entry.state === "TIME_WAIT" ? undefined : userNames.get(entry.uid) ?? String(entry.uid),
    }))
    .sort((a, b) =>
      Number(b.local.port === port) - Number(a.local.port === port) ||
      stateRank(a) - stateRank(b) ||
      a.local.port - b.local.port ||
      a.remote.port - b.remote.port
    );
  const hiddenOwners = owners.hiddenProcesses === 0
    ? "none"
    : asRoot
    ? "denied-to-root"
    : "need-root";
  return { port, sockets, hiddenOwners, protocols };
}

/** True when `socket` has the port as its local port, so it stops others from binding it. */
export function holdsPort(socket: PortSocket, port: number): boolean {
  return socket.local.port === port;
}

/** True when any socket on this machine has the port as its local port. */
export function isPortInUse(usage: PortUsage): boolean {
  return usage.sockets.some((s) => holdsPort(s, usage.port));
}

/** The distinct processes holding the port, by pid, each with the user of its socket. */
export function portHolders(
  usage: PortUsage,
): { readonly process: ProcessInfo; readonly user: string | undefined }[] {
  const byPid = new Map<
    number,
    { process: ProcessInfo; user: string | undefined }
  >();
  for (const socket of usage.sockets) {
    if (!holdsPort(socket, usage.port)) continue;
    for (const process of socket.owners) {
      if (!byPid.has(process.pid)) {
        byPid.set(process.pid, { process, user: socket.user });
      }
    }
  }
  return [...byPid.values()];
}

function stateRank(socket: PortSocket): number {
  const rank = STATE_ORDER.indexOf(socket.state);
  return rank < 0 ? STATE_ORDER.length : rank;
}
