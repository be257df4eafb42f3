/**
 * The pure half of `tp1 port PORT --watch`: two snapshots of a port's TCP
 * sockets compared, each change put into words — the state, both addresses, the
 * process, and the phase of the connection it belongs to (établissement,
 * transfert, fermeture), saying which side closed first (the side that ends in
 * TIME_WAIT). The polling loop that feeds it lives in socket_watch_loop.ts.
 */
import type { SocketEndpoint, TcpSocketEntry } from "./proc_net_tcp.ts";
import type { TcpState } from "./tcp_state.ts";
import type { ProcessInfo } from "./socket_owners.ts";

/** A port's sockets at one moment, by their two addresses. */
export type SocketSnapshot = ReadonlyMap<string, TcpSocketEntry>;

/** One socket that appeared, changed state or went away between two snapshots. */
export interface SocketChange {
  /** The state before; undefined when the socket is new. */
  readonly before?: TcpState;
  /** The state now; undefined when the socket is gone. */
  readonly after?: TcpState;
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

const ORDER: readonly (TcpState | "gone")[] = [
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
): string {
  const { socket } = change;
  const state = change.after ?? "gone";
  const who = owners === undefined || owners.length === 0
    ? socket.inode === 0 ? "-  (no process: the kernel keeps it)" : "-"
    : owners.map((o) => `${o.pid} ${o.command}`).join(", ");
  const was = initial
    ? "already there"
    : change.before === undefined
    ? "new"
    : `was ${change.before}`;
  return `${at}  ${state.padEnd(11)}  ${endpoint(socket.local).padEnd(21)}  ${
    endpoint(socket.remote).padEnd(21)
  }  ${who}  (${was})`;
}

/** The phase of the connection in plain words, or undefined when the change says nothing new. */
export function describePhase(change: SocketChange, port: number): string | undefined {
  const side = sideOf(change.socket, port);
  const other = side === "server" ? "client" : "server";
  switch (change.after) {
    case "LISTEN":
      return "the server listens: ready for clients' three-way handshakes";
    case "SYN_SENT":
      return "établissement: the client sent SYN (step 1 of the three-way handshake)";
    case "SYN_RECV":
    case "NEW_SYN_RECV":
      return "établissement: the server got SYN and answered SYN-ACK (step 2 of 3)";
    case "ESTABLISHED":
      return side === "client"
        ? "établissement done on the client's side (SYN-ACK received, ACK sent): transfert can start"
        : "établissement done on the server's side (the client's ACK arrived): transfert can start";
    case "FIN_WAIT1":
      return `fermeture: the ${side} closed first (sent FIN); it will end in TIME_WAIT`;
    case "FIN_WAIT2":
      // FIN_WAIT1 often lasts less than one reading: who closed first is still told.
      if (change.before === "ESTABLISHED") {
        return `fermeture: the ${side} closed first (sent FIN) and the ${other} acknowledged it; ` +
          `the ${side} waits for the ${other}'s FIN`;
      }
      return `fermeture: the ${other} acknowledged the ${side}'s FIN; the ${side} waits for the ${other}'s FIN`;
    case "CLOSE_WAIT":
      return `fermeture: the ${side} received the ${other}'s FIN (the ${other} closed first); it closes in turn`;
    case "LAST_ACK":
      return `fermeture: the ${side} sent its FIN too and waits for the last ACK`;
    case "CLOSING":
      return "fermeture: both sides sent FIN at the same time";
    case "TIME_WAIT":
      return `fermeture: the ${side} closed first, so its end waits in TIME_WAIT (about 60 s) — ` +
        `why the port can still look "in use" after the program stopped`;
    case undefined:
      return change.before === "TIME_WAIT"
        ? "TIME_WAIT over: nothing is left of that connection"
        : change.before === "LISTEN"
        ? "the server stopped listening"
        : change.before === "LAST_ACK" || change.before === "CLOSE_WAIT"
        ? `fermeture done on the ${side}'s side: it closed second (its FIN got the last ACK)`
        : change.before === "ESTABLISHED"
        ? `fermeture: the ${side}'s end is closed (the states between passed faster than the readings)`
        : undefined;
    default:
      return undefined;
  }
}

function endpoint({ address, port }: SocketEndpoint): string {
  const shown = port === 0 ? "*" : String(port);
  return address.includes(":") ? `[${address}]:${shown}` : `${address}:${shown}`;
}
