/**
 * The server's room, pure: it tracks who is connected and decides, for each
 * event, what is shown to the operator and what is sent to which client. The
 * socket and terminal adapters carry out the actions; tests feed events directly.
 *
 * In "lab" mode (the default) the operator talks to the clients, who do not see
 * each other. In "chat" mode every client's line goes to everyone as
 * `<name> text`, with announcements and commands (/nick, /msg, /who…).
 *
 * Its words come from the catalogue it is given (`RoomOptions.messages`, the
 * server's language; English by default), so it stays pure and its tests
 * render either language without touching the global `t()`.
 */
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { roomEn, type RoomMessages } from "../i18n/en/room.ts";
import {
  type ChatCommand,
  commandNames,
  commandUsage,
  helpLines,
  mayUse,
  parseChatInput,
  type Speaker,
} from "./chat_command.ts";
import { describeLeave } from "./leave_reason.ts";
import { formatNames, formatWho, hostOf, WHO_LISTED } from "./member_list_format.ts";
import { type Member, MemberList } from "./members.ts";
import { checkNick, defaultNick, OPERATOR_NAME } from "./nick_rules.ts";
import type { Audience, ClientId, RoomAction, RoomEvent, RoomMode } from "./room_types.ts";

export type { Member } from "./members.ts";

/** Above this many people, joins and leaves are no longer announced to every client. */
export const DEFAULT_ANNOUNCE_LIMIT = 200;

/** How many members a newcomer's welcome lists by name (a `/who` lists WHO_LISTED). */
const LISTED_IN_WELCOME = 20;

/** Options for a {@linkcode Room}. */
export interface RoomOptions {
  /** "lab" (default): the operator talks to clients; "chat": everyone sees everyone. */
  readonly mode?: RoomMode;
  /** The clock, for `/who`'s "connected since". */
  readonly now?: () => Date;
  /** Above this many members, joins and leaves are shown to the operator only. */
  readonly announceLimit?: number;
  /** The words of the room, in the server's language (default English; the server passes `t().room`). */
  readonly messages?: RoomMessages;
}

/** The room: members, their names, and the rules of who hears what. */
export class Room {
  readonly mode: RoomMode;
  readonly #members = new MemberList();
  readonly #now: () => Date;
  readonly #announceLimit: number;
  readonly #says: RoomMessages;

  constructor(options: RoomOptions = {}) {
    this.#says = options.messages ?? roomEn;
    this.mode = options.mode ?? "lab";
    this.#now = options.now ?? (() => new Date());
    this.#announceLimit = options.announceLimit ?? DEFAULT_ANNOUNCE_LIMIT;
  }

  /** The connected clients, in order of arrival. */
  get members(): readonly Member[] {
    return [...this.#members];
  }

  /** How many clients are connected. */
  get size(): number {
    return this.#members.size;
  }

  /** Applies one event and returns what must be done about it. */
  handle(event: RoomEvent): RoomAction[] {
    const out = new Outbox();
    switch (event.type) {
      case "join":
        this.#join(out, event.id, event.address, event.at);
        break;
      case "lines":
        this.#lines(out, event.id, event.lines);
        break;
      case "leave":
        this.#leave(out, event);
        break;
      case "operator":
        this.#fromOperator(out, event.text);
        break;
      case "stopping":
        if (this.mode === "chat" && this.size > 0) {
          out.send(everyone(), this.#says.stopping);
        }
        break;
    }
    return out.actions;
  }

  #join(out: Outbox, id: ClientId, address: string, at: Date): void {
    const says = this.#says;
    const member: Member = { id, address, since: at, name: defaultNick(id) };
    this.#members.add(member);
    if (this.mode === "lab") {
      out.show(says.labJoined(address, member.name) + this.#count());
      return;
    }
    const host = hostOf(address);
    out.show(says.chatJoined(member.name, address) + this.#count());
    const others = this.#members.first(LISTED_IN_WELCOME, id);
    const here = others.length === 0 ? says.nobodyElseYet : says.hereAlready(
      formatNames(others.map((m) => `${m.name} (${hostOf(m.address)})`), this.size - 1, says),
    );
    out.tell(id, says.welcome(member.name));
    out.tell(id, here);
    out.tell(id, says.welcomeHint);
    if (this.size > this.#announceLimit) out.tell(id, says.roomIsLarge);
    if (this.size <= this.#announceLimit) {
      out.send(everyone(id), says.chatJoined(member.name, host));
    } else if (this.size === this.#announceLimit + 1) {
      out.send(everyone(id), says.noLongerAnnounced(this.#announceLimit));
    }
  }

  #leave(out: Outbox, event: Extract<RoomEvent, { type: "leave" }>): void {
    const member = this.#members.remove(event.id);
    if (!member) return;
    if (this.mode === "lab") {
      const who = `${member.address} (${member.name})`;
      out.show(describeLeave(who, event.reason, "lab", this.#says) + this.#count());
      return;
    }
    const text = describeLeave(member.name, event.reason, "chat", this.#says);
    out.show(text + this.#count());
    if (this.size > 0 && this.size < this.#announceLimit) out.send(everyone(event.id), text);
  }

  #lines(
    out: Outbox,
    id: ClientId,
    lines: readonly { readonly text: string; readonly cutAt?: number; readonly plain?: boolean }[],
  ): void {
    for (const { text, cutAt, plain } of lines) {
      // Looked up each time: a line (/quit) may end the membership.
      const member = this.#members.get(id);
      if (!member || member.leaving) return;
      if (plain && text.includes("\n")) this.#plainRun(out, member, text);
      else if (this.mode === "chat") this.#chatLine(out, member, text, plain ?? false);
      else {
        // The operator sees the name /to and /kick take, and where it comes from.
        out.show(
          `${member.name} (${member.address}): ${plain ? text : sanitizeForDisplay(text)}`,
        );
      }
      if (cutAt !== undefined) this.#reportCut(out, member, cutAt);
    }
  }

  /**
   * Several plain lines from one read (see `FramedLine`). When every one is
   * simply said (no command, no empty line), each gets the speaker's prefix in
   * one pass over the whole run; otherwise they are taken one at a time, since
   * a command (/nick, /quit) changes how the lines after it are handled.
   */
  #plainRun(out: Outbox, member: Member, run: string): void {
    if (this.mode === "lab") {
      out.show(prefixEach(`${member.name} (${member.address}): `, run));
      return;
    }
    if (onlySaid(run)) {
      const line = prefixEach(`<${member.name}> `, run);
      out.show(line);
      out.send(everyone(member.id), line);
      return;
    }
    for (const text of run.split("\n")) {
      const speaker = this.#members.get(member.id);
      if (!speaker || speaker.leaving) return;
      this.#chatLine(out, speaker, text, true);
    }
  }

  /** One line from a client in chat mode; `plain` says it needs no escaping. */
  #chatLine(out: Outbox, member: Member, text: string, plain: boolean): void {
    const input = parseChatInput(text);
    switch (input.kind) {
      case "say": {
        if (input.text === "") return; // an empty line (Enter alone) says nothing
        const line = `<${member.name}> ${plain ? input.text : sanitizeForDisplay(input.text)}`;
        out.show(line);
        out.send(everyone(member.id), line);
        return;
      }
      case "command":
        if (!mayUse(input.command.name, "client", "chat")) {
          out.tell(member.id, this.#notForYou(input.command.name, "client"));
          return;
        }
        this.#clientCommand(out, member, input.command);
        return;
      case "incomplete":
        out.tell(
          member.id,
          mayUse(input.name, "client", "chat")
            ? this.#says.usage(commandUsage(input.name, this.#says))
            : this.#notForYou(input.name, "client"),
        );
        return;
      case "unknown":
        out.tell(member.id, this.#unknown(input.name, "client"));
        return;
    }
  }

  #clientCommand(out: Outbox, member: Member, command: ChatCommand): void {
    switch (command.name) {
      case "who":
        for (
          const line of formatWho(this.#members.first(WHO_LISTED), this.#now(), {
            viewer: member.id,
            total: this.size,
          }, this.#says)
        ) {
          out.tell(member.id, line);
        }
        return;
      case "help":
        for (const line of helpLines("client", "chat", this.#says)) out.tell(member.id, line);
        return;
      case "quit":
        out.tell(member.id, this.#says.bye(member.name));
        member.leaving = true;
        out.disconnect(member.id, { kind: "quit" });
        return;
      case "nick": {
        const check = checkNick(
          command.nick,
          member.name,
          (nick) => this.#members.hasName(nick),
          this.#says,
        );
        if (!check.ok) {
          out.tell(member.id, `* ${check.problem}`);
          return;
        }
        const old = member.name;
        this.#members.rename(member, check.nick);
        const announcement = this.#says.renamed(old, check.nick);
        out.show(announcement);
        out.tell(member.id, this.#says.youAreNow(check.nick));
        out.send(everyone(member.id), announcement);
        return;
      }
      case "msg": {
        const text = sanitizeForDisplay(command.text);
        if (command.target.toLowerCase() === OPERATOR_NAME) {
          out.show(this.#says.privateFrom(member.name, text));
          out.tell(member.id, this.#says.privateTo(OPERATOR_NAME, text));
          return;
        }
        const target = this.#members.find(command.target);
        if (!target) {
          out.tell(member.id, this.#nobodyCalled(command.target));
        } else if (target.id === member.id) {
          out.tell(member.id, this.#says.msgToYourself);
        } else {
          out.tell(target.id, this.#says.privateFrom(member.name, text));
          out.tell(member.id, this.#says.privateTo(target.name, text));
        }
        return;
      }
      case "me": {
        const line = `* ${member.name} ${sanitizeForDisplay(command.text)}`;
        out.show(line);
        out.send(everyone(), line);
        return;
      }
      case "to":
      case "all":
      case "kick":
        // Operator-only: refused before this point.
        return;
    }
  }

  #fromOperator(out: Outbox, text: string): void {
    if (text.trim() === "exit") {
      // The operator is stopping the server. In the lab's protocol "exit" is a
      // message the client sees (client.py stops on it); a chat room is told
      // it is stopping instead.
      if (this.mode === "lab" && this.size > 0) out.send(everyone(), "exit");
      return;
    }
    const input = parseChatInput(text);
    switch (input.kind) {
      case "say":
        this.#operatorSays(out, input.text);
        return;
      case "command":
        if (input.command.name === "quit") {
          out.show(this.#says.operatorQuit);
        } else if (!mayUse(input.command.name, "operator", this.mode)) {
          out.show(this.#notForYou(input.command.name, "operator"));
        } else {
          this.#operatorCommand(out, input.command);
        }
        return;
      case "incomplete":
        out.show(
          mayUse(input.name, "operator", this.mode)
            ? this.#says.usage(commandUsage(input.name, this.#says))
            : this.#notForYou(input.name, "operator"),
        );
        return;
      case "unknown":
        out.show(this.#unknown(input.name, "operator"));
        return;
    }
  }

  #operatorSays(out: Outbox, text: string): void {
    if (this.size === 0) {
      out.show(this.#says.nobodyConnectedNotSent);
      return;
    }
    out.send(everyone(), this.mode === "chat" ? `<${OPERATOR_NAME}> ${text}` : text);
  }

  #operatorCommand(out: Outbox, command: ChatCommand): void {
    switch (command.name) {
      case "who":
        for (
          const line of formatWho(this.#members.first(WHO_LISTED), this.#now(), {
            total: this.size,
          }, this.#says)
        ) {
          out.show(line);
        }
        return;
      case "help":
        for (const line of helpLines("operator", this.mode, this.#says)) out.show(line);
        return;
      case "all":
        this.#operatorSays(out, command.text);
        return;
      case "msg":
      case "to": {
        const target = this.#members.find(command.target);
        if (!target) {
          out.show(this.#nobodyCalled(command.target));
          return;
        }
        out.tell(
          target.id,
          this.mode === "chat" ? this.#says.privateFrom(OPERATOR_NAME, command.text) : command.text,
        );
        // Nothing else shows the operator where the line went; clients' /msg is confirmed alike.
        out.show(this.#says.privateTo(target.name, command.text));
        return;
      }
      case "me": {
        const line = `* ${OPERATOR_NAME} ${command.text}`;
        out.show(line);
        if (this.size > 0) out.send(everyone(), line);
        return;
      }
      case "kick": {
        const target = this.#members.find(command.target);
        if (!target) {
          out.show(this.#nobodyCalled(command.target));
          return;
        }
        out.tell(target.id, this.#says.youWereKicked(command.reason));
        target.leaving = true;
        out.disconnect(target.id, { kind: "kicked", reason: command.reason });
        return;
      }
      case "nick":
      case "quit":
        // Not the operator's: refused before this point.
        return;
    }
  }

  #notForYou(name: ChatCommand["name"], speaker: Speaker): string {
    const commands = commandNames(speaker, this.mode);
    return speaker === "client"
      ? this.#says.forOperator(name, commands)
      : this.#says.forClients(name, commands);
  }

  #unknown(name: string, speaker: Speaker): string {
    const shown = sanitizeForDisplay(name.length > 40 ? name.slice(0, 40) + "…" : name);
    return this.#says.unknownCommand(shown, commandNames(speaker, this.mode));
  }

  #nobodyCalled(target: string): string {
    return this.#says.nobodyCalled(sanitizeForDisplay(target));
  }

  #reportCut(out: Outbox, member: Member, cutAt: number): void {
    if (this.mode === "chat") {
      out.tell(member.id, this.#says.lineCutChat(cutAt));
    } else {
      out.show(this.#says.lineCutLab(`${member.name} (${member.address})`, cutAt));
    }
  }

  /** How many are connected, after an announcement on the operator's screen. */
  #count(): string {
    const clients = this.#says.clientsConnected(this.#members.size);
    return this.mode === "lab" ? ` (${clients})` : ` — ${clients}`;
  }
}

/** `prefix` in front of each of the LF-separated lines of `lines`. */
export function prefixEach(prefix: string, lines: string): string {
  return prefix + lines.replaceAll("\n", "\n" + prefix);
}

/**
 * Whether each of the LF-separated lines of `run` is text to say: none empty
 * (which says nothing) and none starting with "/" (a command, or `//`).
 */
export function onlySaid(run: string): boolean {
  return run !== "" && !run.startsWith("/") && !run.includes("\n/") &&
    !run.startsWith("\n") && !run.endsWith("\n") && !run.includes("\n\n");
}

/** Whether two audiences are the same clients. */
export function sameAudience(a: Audience, b: Audience): boolean {
  return a.kind === "one"
    ? b.kind === "one" && a.id === b.id
    : b.kind === "everyone" && a.except === b.except;
}

function everyone(except?: ClientId): Audience {
  return except === undefined ? { kind: "everyone" } : { kind: "everyone", except };
}

/**
 * Collects a handler's actions in order. Consecutive lines for the same place
 * (the operator's screen, or one audience) become one action whose text holds
 * them separated by "\n", so a burst of lines costs a few actions, not two each.
 */
class Outbox {
  readonly actions: RoomAction[] = [];
  /** Where the last action's lines go, while it may still take more. */
  #lastShow = -1;
  #lastSend = -1;

  show(text: string): void {
    const at = this.#lastShow;
    if (at >= 0) {
      const last = this.actions[at] as Extract<RoomAction, { type: "show" }>;
      this.actions[at] = { type: "show", text: `${last.text}\n${text}` };
      return;
    }
    this.#lastShow = this.actions.push({ type: "show", text }) - 1;
  }

  send(to: Audience, text: string): void {
    const at = this.#lastSend;
    if (at >= 0) {
      const last = this.actions[at] as Extract<RoomAction, { type: "send" }>;
      if (sameAudience(last.to, to)) {
        this.actions[at] = { type: "send", to: last.to, text: `${last.text}\n${text}` };
        return;
      }
    }
    this.#lastSend = this.actions.push({ type: "send", to, text }) - 1;
  }

  tell(id: ClientId, text: string): void {
    this.send({ kind: "one", id }, text);
  }

  disconnect(id: ClientId, reason: Extract<RoomAction, { type: "disconnect" }>["reason"]): void {
    // Lines sent after this must not join lines sent before it: they would overtake it.
    this.#lastSend = -1;
    this.actions.push({ type: "disconnect", id, reason });
  }
}
