/**
 * What a `--record` transcript is made of: one header, then events in the order
 * they happened. Any mode (the interactive client, the server and its chat
 * room, and UDP when it lands) describes its session with these and hands
 * them to a {@linkcode TranscriptFormatter}; nothing here knows about sockets.
 */

/** Markdown (the default) or plain text (a FILE ending in .txt). */
export type TranscriptFormat = "markdown" | "text";

/** The facts at the top of a transcript. */
export interface TranscriptHeader {
  readonly at: Date;
  /** "tp1 connect", "tp1 serve": what was recorded. */
  readonly title: string;
  /** The command line as typed, secrets already removed (see redactCommandLine). */
  readonly command: string;
  readonly version: string;
  /** This side's address (the listening address for a server). */
  readonly local?: string;
  /** The other side's address; a server has one per connection, in the events. */
  readonly peer?: string;
}

/** Who ended a connection first: this side sent the first FIN, or the peer did. */
export type FirstCloser = "local" | "peer" | "unknown";

/** One thing that happened, timestamped by whoever records it. */
export type TranscriptEvent =
  | { readonly type: "listening"; readonly at: Date; readonly address: string }
  /** A TCP connection is up (the three-way handshake is done): we connected, or accepted it. */
  | {
    readonly type: "connected";
    readonly at: Date;
    readonly role: "client" | "server";
    readonly local: string;
    readonly peer: string;
  }
  /** A line the user typed here; `who` names this side ("client (you)"). */
  | { readonly type: "typed"; readonly at: Date; readonly who: string; readonly text: string }
  /**
   * A line shown on this side's screen, already in its final words: a peer's
   * line with its author ("from server: …", "user2 (addr): …") or a notice
   * ("* user2 is now alice", "* user3 left").
   */
  | { readonly type: "shown"; readonly at: Date; readonly text: string }
  /** A connection ended: both addresses, who sent the first FIN, reset or not, byte counts. */
  | {
    readonly type: "closed";
    readonly at: Date;
    readonly role: "client" | "server";
    readonly local: string;
    readonly peer: string;
    readonly first: FirstCloser;
    readonly reset: boolean;
    readonly sent: number;
    readonly received: number;
    readonly durationMs: number;
  };
