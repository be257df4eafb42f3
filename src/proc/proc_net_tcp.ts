/**
 * Parses the text of /proc/net/tcp and /proc/net/tcp6 (one socket per line) into
 * typed entries. Pure: the caller reads the files.
 */
import { decodeProcAddress } from "./proc_address.ts";
import { type TcpState, tcpStateName } from "./tcp_state.ts";

/** One end of a socket: an IP address as text (`127.0.0.1`, `::1`) and a port (0 when unset). */
export interface SocketEndpoint {
  readonly address: string;
  readonly port: number;
}

/** One line of /proc/net/tcp(6), or of /proc/net/udp(6) (see proc_net_udp.ts). */
export interface TcpSocketEntry {
  /** Absent for TCP, which every table was before tp1 listed UDP too. */
  readonly protocol?: "udp";
  /** For UDP: `UNCONN` (a bound socket taking datagrams from anyone) or `ESTABLISHED` (connected). */
  readonly state: TcpState | "UNCONN";
  readonly local: SocketEndpoint;
  readonly remote: SocketEndpoint;
  /** Owner uid of the socket; the kernel prints 0 for TIME_WAIT, which has no owner. */
  readonly uid: number;
  /** Socket inode, matched against `/proc/PID/fd/* -> socket:[INODE]`; 0 when no process holds it. */
  readonly inode: number;
}

/** Parses /proc/net/tcp or /proc/net/tcp6 text; throws `TypeError` on a line it cannot read. */
export function parseProcNetTcp(text: string): TcpSocketEntry[] {
  const entries: TcpSocketEntry[] = [];
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields[0] === "" || fields[0] === "sl") continue;
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
    const [, local, remote, state, , , , uid, , inode] = fields;
    if (
      inode === undefined || !/^[0-9A-Fa-f]{1,2}$/.test(state) ||
      !/^\d+$/.test(uid) || !/^\d+$/.test(inode)
    ) {
      throw new TypeError(
        `unexpected line in /proc/net/tcp: ${JSON.stringify(line)}`,
      );
    }
    entries.push({
      state: tcpStateName(parseInt(state, 16)),
      local: parseEndpoint(local),
      remote: parseEndpoint(remote),
      uid: Number(uid),
      inode: Number(inode),
    });
  }
  return entries;
}

// "0100007F:1F3F": the port, unlike the address, is printed as a plain number.
function parseEndpoint(text: string): SocketEndpoint {
  const match = /^([0-9A-Fa-f]{8}|[0-9A-Fa-f]{32}):([0-9A-Fa-f]{4})$/.exec(text);
  if (!match) {
    throw new TypeError(
      `unexpected address in /proc/net/tcp: ${JSON.stringify(text)}`,
    );
  }
  return { address: decodeProcAddress(match[1]), port: parseInt(match[2], 16) };
}
