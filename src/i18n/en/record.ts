/** English: `--record` transcripts — the header's labels, the events, the timeline table, the closing line. */
import { plural } from "../plural.ts";

/** The words of a transcript (its machine-readable parts, times and addresses, stay as they are). */
export const recordEn = {
  recorded: (title: string, when: string) => `${title} — recorded ${when}`,
  command: "Command",
  localAddress: "Local address",
  peerAddress: "Peer address",
  version: "tp1 version",
  /** A server's peer address in the header: it has one per connection. */
  peerPerConnection: "one per connection, below",
  /** After a server's wildcard address (`[::]:7999 (every interface)`). */
  everyInterface: (address: string) => `${address} (every interface)`,
  cutShort: "*(recording cut short: tp1 was stopped before it could end it)*",
  /** The lab's names of a TCP connection's phases, in French, with English beside them. */
  phases: {
    setup: "établissement (establishment)",
    transfer: "transfert (data transfer)",
    closing: "fermeture (closing)",
  },
  tableHeader: "| Time | TCP phase | What happened |",
  timeline: "Timeline:",
  listening: (address: string) => `listening on ${address}`,
  connectedTo: (local: string, peer: string) => `connected from ${local} to ${peer}`,
  accepted: (peer: string, local: string) => `accepted ${peer} on ${local}`,
  handshakeDone: (what: string) => `${what} (three-way handshake done)`,
  firstTyped: (who: string) => `first line, typed by the ${who}`,
  firstReceived: "first line received",
  closedWith: (peer: string, summary: string) => `with ${peer}: ${summary}`,
  connectionClosed: (peer: string, summary: string) =>
    `* connection with ${peer} closed: ${summary}`,
  ended: (duration: string, typed: number, shown: number, sent: number, received: number) =>
    `recording ended after ${duration}: ${typed} ${plural("en", typed, "line", "lines")} ` +
    `typed, ${shown} shown; ${sent} bytes sent, ${received} received in all`,
  youClient: "client (you)",
  youServer: "server (you)",
  stopped: (detail: string) => `the transcript stopped: ${detail}`,
  /** --record FILE that cannot be written. */
  cannotWrite: (path: string, why: string) => `cannot write the transcript to ${path}: ${why}`,
  noSuchFolder: "its folder does not exist",
  notPermitted: "permission denied (choose a file in a folder you can write to)",
  isAFolder: "that is a folder; give a file name",
};
