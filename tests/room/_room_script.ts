/** Drives a Room with readable events and prints its actions as short strings. */
import { Room, type RoomOptions } from "../../src/room/room.ts";
import type { ClientId, LeaveReason, RoomAction } from "../../src/room/room_types.ts";

/** 10:00:00 on a fixed day, local time, plus `seconds`. */
export function clock(seconds = 0): Date {
  return new Date(2026, 2, 23, 10, 0, seconds);
}

/** A room whose clock reads 10:05:00. */
export function newRoom(options: RoomOptions = {}): Room {
  return new Room({ now: () => clock(300), ...options });
}

/** `show: …`, `to 2: …`, `to all but 1: …`, `to all: …`, `disconnect 2 (kicked)`. */
export function describe(actions: readonly RoomAction[]): string[] {
  return actions.flatMap((action) => {
    if (action.type !== "disconnect" && action.text.includes("\n")) {
      // Lines batched into one action read as one line each.
      return describe(action.text.split("\n").map((text) => ({ ...action, text })));
    }
    switch (action.type) {
      case "show":
        return `show: ${action.text}`;
      case "send":
        if (action.to.kind === "one") return `to ${action.to.id}: ${action.text}`;
        return action.to.except === undefined
          ? `to all: ${action.text}`
          : `to all but ${action.to.except}: ${action.text}`;
      case "disconnect":
        return `disconnect ${action.id} (${action.reason.kind})`;
    }
  });
}

/** Client `id` joins from 192.168.100.`id`:5000`id` at 10:00:`id`. */
export function join(room: Room, id: number): string[] {
  return describe(room.handle({
    type: "join",
    id: id as ClientId,
    address: `192.168.100.${id}:5000${id}`,
    at: clock(id),
  }));
}

/** Client `id` sends `text`. */
export function say(room: Room, id: number, text: string, cutAt?: number): string[] {
  return describe(room.handle({ type: "lines", id: id as ClientId, lines: [{ text, cutAt }] }));
}

/** The operator types `text`. */
export function operator(room: Room, text: string): string[] {
  return describe(room.handle({ type: "operator", text }));
}

/** Client `id` leaves. */
export function leave(room: Room, id: number, reason: LeaveReason = { kind: "closed" }): string[] {
  return describe(room.handle({ type: "leave", id: id as ClientId, reason }));
}
