/**
 * Parses /proc/net/udp and /proc/net/udp6, whose lines have the same columns
 * as /proc/net/tcp. UDP has no states of its own: the kernel prints 07 (TCP's
 * CLOSE) for a socket bound without a peer, shown as `UNCONN` as `ss` does, and
 * 01 (ESTABLISHED) for a connected one. Pure.
 */
import { parseProcNetTcp, type TcpSocketEntry } from "./proc_net_tcp.ts";

/** Parses /proc/net/udp or /proc/net/udp6 text; throws `TypeError` on a line it cannot read. */
export function parseProcNetUdp(text: string): TcpSocketEntry[] {
  return parseProcNetTcp(text).map((entry) => ({
    ...entry,
    protocol: "udp",
    state: entry.state === "CLOSE" ? "UNCONN" : entry.state,
  }));
}
