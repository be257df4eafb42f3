/**
 * The peers a UDP server has heard from. UDP has no connection, so a "peer" is
 * only an address that sent a datagram; nothing says when it leaves, so peers
 * are listed with when they were last heard, and only recent ones count for
 * `/all`. Pure: the caller passes the time.
 */
import { endpointText } from "./datagram_text.ts";
import { t } from "../i18n/catalogue.ts";
import { WHO_LISTED } from "../room/member_list_format.ts";
import type { SocketEndpoint } from "./socket_address.ts";

/** Peers heard within this long are the ones `/all` reaches. */
export const RECENT_MS = 10 * 60_000;
/** Beyond this many peers the longest silent are forgotten, so a flood of sources cannot grow memory. */
export const MAX_PEERS = 10_000;

/** One address that has sent datagrams. */
export interface Peer {
  readonly endpoint: SocketEndpoint;
  /** `ADDR:PORT` as shown and as `/to` takes it. */
  readonly name: string;
  lastHeardMs: number;
  datagrams: number;
  bytes: number;
}

/** The peers heard from, most recent last. */
export class UdpPeers {
  readonly #byName = new Map<string, Peer>();

  /** Records a datagram of `size` bytes from `from`; says whether this address is new. */
  heard(from: SocketEndpoint, size: number, nowMs: number): { peer: Peer; isNew: boolean } {
    const name = endpointText(from);
    const known = this.#byName.get(name);
    const peer = known ?? { endpoint: from, name, lastHeardMs: nowMs, datagrams: 0, bytes: 0 };
    // Re-inserting keeps the map in order of last datagram: the last entry is the latest peer.
    this.#byName.delete(name);
    this.#byName.set(name, peer);
    peer.lastHeardMs = nowMs;
    peer.datagrams++;
    peer.bytes += size;
    if (this.#byName.size > MAX_PEERS) this.#byName.delete(this.#byName.keys().next().value!);
    return { peer, isNew: known === undefined };
  }

  /** The peer heard from last, who a plain line answers. */
  get last(): Peer | undefined {
    let last: Peer | undefined;
    for (const peer of this.#byName.values()) last = peer;
    return last;
  }

  /** The peer named `ADDR:PORT` (`[V6]:PORT`, or a mapped IPv4 written plainly). */
  find(name: string): Peer | undefined {
    const parsed = parseName(name);
    return this.#byName.get(parsed ? endpointText(parsed) : name);
  }

  /** Peers heard within {@linkcode RECENT_MS}, least recent first. */
  recent(nowMs: number): Peer[] {
    return [...this.#byName.values()].filter((p) => nowMs - p.lastHeardMs <= RECENT_MS);
  }

  /** How many peers are known. */
  get size(): number {
    return this.#byName.size;
  }

  /**
   * The `/who` listing: one line per peer, most recent first, with when it was
   * last heard; the {@linkcode WHO_LISTED} most recent, then how many more.
   */
  describe(nowMs: number): string[] {
    const total = this.#byName.size;
    if (total === 0) {
      return [t().udp.noPeersYet];
    }
    // The map is in order of last datagram: the most recent are its last entries.
    const peers = [...this.#byName.values()].slice(-WHO_LISTED).reverse();
    const width = Math.max(...peers.map((p) => p.name.length));
    return [
      t().udp.peersHeader(total),
      ...peers.map((p) =>
        `  ${p.name.padEnd(width)}  ` +
        t().udp.peerLine(
          ago(nowMs - p.lastHeardMs),
          t().udp.datagrams(p.datagrams),
          t().udp.bytes(p.bytes),
        )
      ),
      ...(total > peers.length ? [t().udp.morePeers(total - peers.length)] : []),
    ];
  }
}

/** Senders a piped server's `-v` log names one by one, at most. */
export const MAX_SENDERS_NAMED = 100;

/**
 * The senders a piped server has heard from, counted for its closing line.
 * At most {@linkcode MAX_PEERS} are remembered (the earliest heard are
 * forgotten first), so a flood from many sources cannot grow memory; one
 * forgotten and heard again counts again.
 */
export class HeardSenders {
  readonly #names = new Set<string>();
  #count = 0;

  /** Records a sender's `ADDR:PORT`; true when it is new (or was forgotten). */
  add(name: string): boolean {
    if (this.#names.has(name)) return false;
    this.#names.add(name);
    this.#count++;
    if (this.#names.size > MAX_PEERS) this.#names.delete(this.#names.values().next().value!);
    return true;
  }

  /**
   * Records a sender's `ADDR:PORT`; the line `-v` logs for it, if any: its first datagram, for the
   * first {@linkcode MAX_SENDERS_NAMED} senders, then once that the others are only counted (a
   * flood from forged sources would otherwise be a line per datagram).
   */
  heard(name: string): string | undefined {
    if (!this.add(name)) return undefined;
    if (this.#count <= MAX_SENDERS_NAMED) return t().udp.firstDatagram(name);
    if (this.#count === MAX_SENDERS_NAMED + 1) return t().udp.moreSenders(MAX_SENDERS_NAMED);
    return undefined;
  }

  /** How many senders were heard. */
  get count(): number {
    return this.#count;
  }

  /** How many are remembered now (at most {@linkcode MAX_PEERS}). */
  get remembered(): number {
    return this.#names.size;
  }
}

/** `ADDR:PORT` parsed back (brackets for IPv6); undefined when it is not that shape. */
function parseName(name: string): SocketEndpoint | undefined {
  const match = /^\[([^\]]+)\]:(\d+)$/.exec(name) ?? /^([^:]+):(\d+)$/.exec(name);
  return match ? { address: match[1], port: Number(match[2]) } : undefined;
}

/** `3 s ago`, `4 min ago`, `2 h ago`, `just now`. */
export function ago(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return t().udp.justNow;
  if (s < 120) return t().udp.secondsAgo(s);
  if (s < 7200) return t().udp.minutesAgo(Math.floor(s / 60));
  return t().udp.hoursAgo(Math.floor(s / 3600));
}
