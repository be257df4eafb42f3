/** Words for how a client left, as the operator and the other clients read them. */
import type { LeaveReason, RoomMode } from "./room_types.ts";

/** Describes `reason` after a name: `alice left (connection reset)`. */
export function describeLeave(reason: LeaveReason, mode: RoomMode = "chat"): string {
  switch (reason.kind) {
    case "closed":
      return mode === "lab" ? "closed the connection" : "left";
    case "reset":
      return "left (connection reset)";
    case "quit":
      return "left (/quit)";
    case "kicked":
      return reason.reason ? `was kicked (${reason.reason})` : "was kicked";
    case "idle":
      return `was disconnected (no traffic for ${reason.seconds} s)`;
    case "too-slow":
      return "was disconnected (not reading fast enough)";
    case "error":
      return `left (${reason.message})`;
  }
}
