/** Words for how a client left, as the operator and the other clients read them. */
import { roomEn, type RoomMessages } from "../i18n/en/room.ts";
import type { LeaveReason, RoomMode } from "./room_types.ts";

/** The announcement that `who` left for `reason`: `* alice left (connection reset)`. */
export function describeLeave(
  who: string,
  reason: LeaveReason,
  mode: RoomMode = "chat",
  messages: RoomMessages = roomEn,
): string {
  const leave = messages.leave;
  switch (reason.kind) {
    case "closed":
      return mode === "lab" ? leave.closedLab(who) : leave.closed(who);
    case "reset":
      return leave.reset(who);
    case "quit":
      return leave.quit(who);
    case "kicked":
      return leave.kicked(who, reason.reason);
    case "idle":
      return leave.idle(who, reason.seconds);
    case "too-slow":
      return leave.tooSlow(who);
    case "error":
      return leave.error(who, reason.message);
  }
}
