/** The vocabulary of the server's room: who is connected, what happens, what to do. */

/** A connected client's number, unique and never reused within a run. */
export type ClientId = number & { readonly __brand: "ClientId" };

/**
 * How the room behaves. "lab" is the lab's default: the operator talks to the
 * clients, who do not see each other. "chat" relays every client's lines to all.
 */
export type RoomMode = "lab" | "chat";

/** Why a client is no longer connected. */
export type LeaveReason =
  | { readonly kind: "closed" }
  | { readonly kind: "reset" }
  | { readonly kind: "quit" }
  | { readonly kind: "kicked"; readonly reason?: string }
  | { readonly kind: "too-slow" }
  | { readonly kind: "idle"; readonly seconds: number }
  | { readonly kind: "error"; readonly message: string };

/** Something that happened, fed to the room by the adapters. */
export type RoomEvent =
  | { readonly type: "join"; readonly id: ClientId; readonly address: string; readonly at: Date }
  /** The lines one client sent (one read's worth), handled in order. */
  | {
    readonly type: "lines";
    readonly id: ClientId;
    readonly lines: readonly {
      readonly text: string;
      /** Set when the line was longer than this many bytes and only its start is in `text`. */
      readonly cutAt?: number;
      /**
       * The text is printable ASCII: nothing to escape (a shortcut the framer may
       * take); it may then hold several lines separated by "\n".
       */
      readonly plain?: boolean;
    }[];
  }
  | { readonly type: "leave"; readonly id: ClientId; readonly reason: LeaveReason }
  | { readonly type: "operator"; readonly text: string }
  /** The server is about to close every connection. */
  | { readonly type: "stopping" };

/**
 * Who a `send` goes to. A broadcast is one action (not one per client) so the
 * adapter can encode the text once and share the bytes among all recipients.
 */
export type Audience =
  | { readonly kind: "one"; readonly id: ClientId }
  | { readonly kind: "everyone"; readonly except?: ClientId };

/**
 * Something the adapters must do in answer. The text of a `show` or `send` is
 * one or more lines separated by "\n" (lines from clients never contain one).
 */
export type RoomAction =
  /** Print lines on the operator's screen (or log). */
  | { readonly type: "show"; readonly text: string }
  /** Send lines (each then ended by the adapter: LF, or CRLF with --crlf) to the audience. */
  | { readonly type: "send"; readonly to: Audience; readonly text: string }
  /** Close a client's connection after what was sent to it is delivered. */
  | { readonly type: "disconnect"; readonly id: ClientId; readonly reason: LeaveReason };
