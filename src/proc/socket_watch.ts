/**
 * The pure half of `tp1 port PORT --watch`: two snapshots of a port's TCP
 * sockets compared, each change put into words — the state, both addresses, the
 * process, and the phase of the connection it belongs to (établissement,
 * transfert, fermeture), saying which side closed first (the side that ends in
 * TIME_WAIT). The polling loop that feeds it lives in socket_watch_loop.ts.
 */
import { type Messages, t } from "../i18n/catalogue.ts";
import type { SocketEndpoint, TcpSocketEntry } from "./proc_net_tcp.ts";
import type { ProcessInfo } from "./socket_owners.ts";

/** A port's sockets at one moment, by their two addresses. */
export type SocketSnapshot = ReadonlyMap<string, TcpSocketEntry>;

/** One socket that appeared, changed state or went away between two snapshots. */
export interface SocketChange {
  /** The state before; undefined when the socket is new. */
  readonly before?: TcpSocketEntry["state"];
  /** The state now; undefined when the socket is gone. */
  readonly after?: TcpSocketEntry["state"];
  /** The socket as last seen. */
  readonly socket: TcpSocketEntry;
}

/**
 * The lines of /proc/net/tcp(6) text that may concern `port`, found without
 * parsing: its 4 hex digits right after a colon and before a space are a local
 * or remote port (the other colon fields have 8 digits after the colon). On a
 * machine with thousands of sockets this keeps each reading cheap.
 */
export function linesForPort(text: string, port: number): string {
  const needle = `:${port.toString(16).toUpperCase().padStart(4, "0")} `;
  return text.split("\n").filter((line) => line.includes(needle)).join("\n");
}

/** The sockets of `entries` that use `port` (as local or remote port), keyed by both addresses. */
export function snapshotOf(entries: readonly TcpSocketEntry[], port: number): SocketSnapshot {
  const snapshot = new Map<string, TcpSocketEntry>();
  for (const entry of entries) {
    if (entry.local.port === port || entry.remote.port === port) {
      snapshot.set(socketKey(entry), entry);
    }
  }
  return snapshot;
}

/** What changed from `before` to `after`, in a stable order (new, changed, gone). */
export function diffSnapshots(before: SocketSnapshot, after: SocketSnapshot): SocketChange[] {
  const changes: SocketChange[] = [];
  for (const [key, socket] of after) {
    const old = before.get(key);
    // A new inode under the same addresses is a new socket (quick reuse of a port).
    if (
      old === undefined || (old.inode !== socket.inode && old.inode !== 0 && socket.inode !== 0)
    ) {
      if (old !== undefined) changes.push({ before: old.state, socket: old });
      changes.push({ after: socket.state, socket });
    } else if (old.state !== socket.state) {
      changes.push({ before: old.state, after: socket.state, socket });
    }
  }
  for (const [key, socket] of before) {
    if (!after.has(key)) changes.push({ before: socket.state, socket });
  }
  // Seen in one reading, changes are told in the order TCP makes them (the FIN_WAIT1
  // of the side that closed before the CLOSE_WAIT it causes); sort is stable.
  return changes.sort((a, b) => rank(a) - rank(b));
}

const ORDER: readonly (TcpSocketEntry["state"] | "gone")[] = [
  "LISTEN",
  "SYN_SENT",
  "SYN_RECV",
  "NEW_SYN_RECV",
  "ESTABLISHED",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "CLOSING",
  "CLOSE_WAIT",
  "LAST_ACK",
  "TIME_WAIT",
  "gone",
];

function rank(change: SocketChange): number {
  const at = ORDER.indexOf(change.after ?? "gone");
  return at === -1 ? ORDER.length : at;
}

/** The key of a socket: its two addresses (a TCP connection has one socket per end). */
export function socketKey(entry: TcpSocketEntry): string {
  return `${endpoint(entry.local)} ${endpoint(entry.remote)}`;
}

/** Which end of a connection a socket is: the server's (its local port is PORT) or a client's. */
export function sideOf(socket: TcpSocketEntry, port: number): "server" | "client" {
  return socket.local.port === port ? "server" : "client";
}

/**
 * One line for a change, e.g.
 * `22:10:01.123  FIN_WAIT1    127.0.0.1:51234  127.0.0.1:7999  4250 nc   (was ESTABLISHED)`.
 */
export function formatChange(
  at: string,
  change: SocketChange,
  owners: readonly ProcessInfo[] | undefined,
  /** The first reading: the socket was there before the watch began. */
  initial = false,
  m: Messages = t(),
): string {
  const { socket } = change;
  const state = change.after ?? m.watch.gone;
  const who = owners === undefined || owners.length === 0
    ? socket.inode === 0 ? m.watch.kernelKeepsIt : "-"
    : owners.map((o) => `${o.pid} ${o.command}`).join(", ");
  const was = initial
    ? m.watch.alreadyThere
    : change.before === undefined
    ? m.watch.isNew
    : m.watch.was(change.before);
  return `${at}  ${state.padEnd(11)}  ${endpoint(socket.local).padEnd(21)}  ${
    endpoint(socket.remote).padEnd(21)
  }  ${who}  (${was})`;
}

/** The phase of the connection in plain words, or undefined when the change says nothing new. */
export function describePhase(
  change: SocketChange,
  port: number,
  m: Messages = t(),
): string | undefined {
  const side = sideOf(change.socket, port);
  const other = side === "server" ? "client" : "server";
  switch (change.after) {
    case "LISTEN":
      return m.watch.listens;
    case "SYN_SENT":
      return m.watch.synSent;
    case "SYN_RECV":
    case "NEW_SYN_RECV":
      return m.watch.synRecv;
    case "ESTABLISHED":
      return side === "client" ? m.watch.establishedClient : m.watch.establishedServer;
    case "FIN_WAIT1":
      return m.watch.finWait1(side);
    case "FIN_WAIT2":
      // FIN_WAIT1 often lasts less than one reading: who closed first is still told.
      if (change.before === "ESTABLISHED") return m.watch.finWait2FirstSeen(side, other);
      return m.watch.finWait2(side, other);
    case "CLOSE_WAIT":
      return m.watch.closeWait(side, other);
    case "LAST_ACK":
      return m.watch.lastAck(side);
    case "CLOSING":
      return m.watch.closing;
    case "TIME_WAIT":
      return m.watch.timeWait(side);
    case undefined:
      return change.before === "TIME_WAIT"
        ? m.watch.timeWaitOver
        : change.before === "LISTEN"
        ? m.watch.stoppedListening
        : change.before === "LAST_ACK" || change.before === "CLOSE_WAIT"
        ? m.watch.closedSecond(side)
        : change.before === "ESTABLISHED"
        ? m.watch.endClosed(side)
        : undefined;
    default:
      return undefined;
  }
}

function endpoint({ address, port }: SocketEndpoint): string {
  const shown = port === 0 ? "*" : String(port);
  return address.includes(":") ? `[${address}]:${shown}` : `${address}:${shown}`;
}
