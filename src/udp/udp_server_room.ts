/**
 * The interactive UDP server's logic, without a socket or a terminal: which
 * datagrams are let in (`--allow`/`--deny`, a denied source logged once), what
 * is shown for each, and where a typed line goes. Pure: the adapter passes the
 * time and sends what it is told to.
 */
import { type AccessPolicy, judgeAddress } from "../access/access_policy.ts";
import { datagramLine, endpointText } from "./datagram_text.ts";
import { type Peer, UdpPeers } from "./udp_peers.ts";
import { parseUdpOperatorLine, udpOperatorHelp } from "./udp_operator_command.ts";
import { t } from "../i18n/catalogue.ts";
import type { SocketEndpoint } from "./socket_address.ts";

/** A datagram to send. */
export interface Outgoing {
  readonly to: SocketEndpoint;
  readonly bytes: Uint8Array;
}

/** What a typed line leads to: lines to show, datagrams to send, and whether to stop. */
export interface TypedEffect {
  readonly show: string[];
  readonly send: Outgoing[];
  readonly exit: boolean;
}

/** Whether a datagram is let in, and the line to log the first time a source is refused. */
export type Admission =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly log?: string };

const encoder = new TextEncoder();

/**
 * Refused addresses named one by one, at most: beyond, one line says so and
 * the rest go unnamed (and unremembered), so a flood from many sources (a
 * whole 127.0.0.0/8, or forged ones) grows neither memory nor the log.
 */
export const MAX_REFUSED_NAMED = 100;

/** The peers, the access rules, and the operator's commands. */
export class UdpServerRoom {
  readonly peers = new UdpPeers();
  readonly #access: AccessPolicy;
  readonly #lineEnding: string;
  readonly #refused = new Set<string>();
  #toldTooMany = false;

  /** @param lineEnding appended to every typed line ("\n", or "\r\n" with --crlf) */
  constructor(access: AccessPolicy, lineEnding = "\n") {
    this.#access = access;
    this.#lineEnding = lineEnding;
  }

  /** Judges a datagram's source; a refused address is logged once, then dropped silently. */
  admit(from: SocketEndpoint): Admission {
    const verdict = judgeAddress(this.#access, from.address);
    if (verdict.allowed) return { allowed: true };
    if (this.#refused.has(from.address)) return { allowed: false };
    if (this.#refused.size >= MAX_REFUSED_NAMED) {
      if (this.#toldTooMany) return { allowed: false };
      this.#toldTooMany = true;
      return { allowed: false, log: t().udp.droppedTooMany(MAX_REFUSED_NAMED) };
    }
    this.#refused.add(from.address);
    return {
      allowed: false,
      log: t().udp.dropped(endpointText(from), verdict.because, from.address),
    };
  }

  /** The lines to show for a datagram (after {@linkcode admit}), and it counts as heard. */
  received(from: SocketEndpoint, bytes: Uint8Array, nowMs: number): string[] {
    const admission = this.admit(from);
    if (!admission.allowed) return admission.log ? [admission.log] : [];
    this.peers.heard(from, bytes.length, nowMs);
    return [datagramLine(from, bytes)];
  }

  /** What the operator's line does. */
  typed(line: string, nowMs: number): TypedEffect {
    const command = parseUdpOperatorLine(line);
    const say = (...show: string[]): TypedEffect => ({ show, send: [], exit: false });
    switch (command.kind) {
      case "help":
        return say(...udpOperatorHelp());
      case "who":
        return say(...this.peers.describe(nowMs));
      case "mistake":
        return say(command.message);
      case "exit":
      case "send": {
        const last = this.peers.last;
        const exit = command.kind === "exit";
        if (!last) {
          return {
            show: exit ? [] : [t().udp.nobodyToAnswer],
            send: [],
            exit,
          };
        }
        // "exit" goes to the peer too, as the lab's server.py sends it before stopping.
        return {
          ...this.#sendTo([last], exit ? "exit" : (command as { text: string }).text),
          exit,
        };
      }
      case "to": {
        const peer = this.peers.find(command.peer);
        if (!peer) {
          return say(t().udp.noSuchPeer(command.peer));
        }
        return { ...this.#sendTo([peer], command.text), exit: false };
      }
      case "all": {
        const recent = this.peers.recent(nowMs);
        if (recent.length === 0) {
          return say(t().udp.noRecentPeer);
        }
        return { ...this.#sendTo(recent, command.text), exit: false };
      }
    }
  }

  #sendTo(peers: readonly Peer[], text: string): { show: string[]; send: Outgoing[] } {
    const bytes = encoder.encode(text + this.#lineEnding);
    const names = peers.length === 1 ? peers[0].name : t().udp.peers(peers.length);
    return {
      show: [t().udp.sentTo(names, bytes.length, peers.length > 1)],
      send: peers.map((peer) => ({ to: peer.endpoint, bytes })),
    };
  }
}
