/** Words for how a client left, as the operator and the other clients read them. */
import type { LeaveReason } from "./room_types.ts";

/** Describes `reason` after a name: `alice closed the connection`. */
export function describeLeave(reason: LeaveReason): string {
  switch (reason.kind) {
    case "closed":
      return "closed the connection";
    case "reset":
      return "left (connection reset)";
    case "kicked":
      return reason.reason ? `was kicked (${reason.reason})` : "was kicked";
    case "too-slow":
      return "was disconnected (not reading fast enough)";
    case "error":
      return `left (${reason.message})`;
  }
}
