/**
 * The server's room, pure: it tracks who is connected and decides, for each
 * event, what is shown to the operator and what is sent to which client. The
 * socket and terminal adapters carry out the actions; tests feed events directly.
 */
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { describeLeave } from "./leave_reason.ts";
import type { ClientId, RoomAction, RoomEvent } from "./room_types.ts";

/** A connected client as the room knows it. */
export interface Member {
  readonly id: ClientId;
  readonly address: string;
  readonly since: Date;
  name: string;
}

/** The lab's default room: the operator talks to the clients, who do not see each other. */
export class Room {
  readonly #members = new Map<ClientId, Member>();

  /** The connected clients, in order of arrival. */
  get members(): readonly Member[] {
    return [...this.#members.values()];
  }

  /** Applies one event and returns what must be done about it. */
  handle(event: RoomEvent): RoomAction[] {
    switch (event.type) {
      case "join": {
        const member: Member = {
          id: event.id,
          address: event.address,
          since: event.at,
          name: `user${event.id}`,
        };
        this.#members.set(event.id, member);
        return [show(`* ${member.address} connected${this.#count()}`)];
      }
      case "line": {
        const member = this.#members.get(event.id);
        if (!member) return [];
        return [show(`from ${member.address}: ${sanitizeForDisplay(event.text)}`)];
      }
      case "leave": {
        const member = this.#members.get(event.id);
        if (!member) return [];
        this.#members.delete(event.id);
        return [show(`* ${member.address} ${describeLeave(event.reason)}${this.#count()}`)];
      }
      case "operator":
        return this.#fromOperator(event.text);
    }
  }

  #fromOperator(text: string): RoomAction[] {
    if (this.#members.size === 0) {
      return [show("* nobody is connected: that line was not sent")];
    }
    return this.members.map((member) => ({ type: "send", to: member.id, text }));
  }

  #count(): string {
    const n = this.#members.size;
    return ` (${n} client${n === 1 ? "" : "s"} connected)`;
  }
}

function show(text: string): RoomAction {
  return { type: "show", text };
}
