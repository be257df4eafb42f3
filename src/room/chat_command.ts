/**
 * Reads a typed line as either text to say or a slash command (`/nick alice`,
 * `/msg bob hi`). Pure: it only parses and says who may use what; the room
 * decides what a command does.
 */
import { roomEn, type RoomMessages } from "../i18n/en/room.ts";
import type { RoomMode } from "./room_types.ts";

/** Who typed the line: a connected client, or the operator at the server's prompt. */
export type Speaker = "client" | "operator";

/** The commands, by name. `to` is the operator's spelling of `msg`. */
export type CommandName = "who" | "nick" | "msg" | "to" | "me" | "help" | "quit" | "kick" | "all";

/** A parsed command with its arguments. */
export type ChatCommand =
  | { readonly name: "who" | "help" | "quit" }
  | { readonly name: "nick"; readonly nick: string }
  | { readonly name: "msg" | "to"; readonly target: string; readonly text: string }
  | { readonly name: "me" | "all"; readonly text: string }
  | { readonly name: "kick"; readonly target: string; readonly reason?: string };

/** What a typed line means. */
export type ChatInput =
  /** Plain text (a leading `//` has already become `/`). */
  | { readonly kind: "say"; readonly text: string }
  | { readonly kind: "command"; readonly command: ChatCommand }
  /** A known command with its arguments missing. */
  | { readonly kind: "incomplete"; readonly name: CommandName }
  | { readonly kind: "unknown"; readonly name: string };

interface CommandSpec {
  readonly name: CommandName;
  readonly speakers: readonly Speaker[];
  readonly modes: readonly RoomMode[];
}

const BOTH_MODES: readonly RoomMode[] = ["lab", "chat"];

/** Every command, in the order `/help` lists them. */
const COMMANDS: readonly CommandSpec[] = [
  {
    name: "who",
    speakers: ["client", "operator"],
    modes: BOTH_MODES,
  },
  {
    name: "nick",
    speakers: ["client"],
    modes: ["chat"],
  },
  {
    name: "msg",
    speakers: ["client", "operator"],
    modes: ["chat"],
  },
  {
    name: "me",
    speakers: ["client", "operator"],
    modes: ["chat"],
  },
  {
    name: "to",
    speakers: ["operator"],
    modes: BOTH_MODES,
  },
  {
    name: "all",
    speakers: ["operator"],
    modes: BOTH_MODES,
  },
  {
    name: "kick",
    speakers: ["operator"],
    modes: BOTH_MODES,
  },
  {
    name: "help",
    speakers: ["client", "operator"],
    modes: BOTH_MODES,
  },
  {
    name: "quit",
    speakers: ["client"],
    modes: ["chat"],
  },
];

const SPEC = new Map(COMMANDS.map((spec) => [spec.name as string, spec]));

/** Parses one typed line. */
export function parseChatInput(line: string): ChatInput {
  if (!line.startsWith("/")) return { kind: "say", text: line };
  if (line.startsWith("//")) return { kind: "say", text: line.slice(1) };
  const match = /^\/(\S*)\s*(.*)$/s.exec(line)!;
  const name = match[1].toLowerCase();
  const rest = match[2].trim();
  const spec = SPEC.get(name);
  if (!spec) return { kind: "unknown", name: match[1] };
  const command = withArguments(spec.name, rest);
  return command ? { kind: "command", command } : { kind: "incomplete", name: spec.name };
}

function withArguments(name: CommandName, rest: string): ChatCommand | undefined {
  switch (name) {
    case "who":
    case "help":
    case "quit":
      return { name };
    case "nick":
      return rest === "" ? undefined : { name, nick: rest };
    case "me":
    case "all":
      return rest === "" ? undefined : { name, text: rest };
    case "msg":
    case "to": {
      const [target, text] = splitFirstWord(rest);
      return target === "" || text === "" ? undefined : { name, target, text };
    }
    case "kick": {
      const [target, reason] = splitFirstWord(rest);
      if (target === "") return undefined;
      return reason === "" ? { name, target } : { name, target, reason };
    }
  }
}

function splitFirstWord(text: string): [string, string] {
  const match = /^(\S*)\s*(.*)$/s.exec(text)!;
  return [match[1], match[2].trim()];
}

/** Whether `speaker` may use `name` in a room of `mode`. */
export function mayUse(name: CommandName, speaker: Speaker, mode: RoomMode): boolean {
  const spec = SPEC.get(name)!;
  return spec.speakers.includes(speaker) && spec.modes.includes(mode);
}

/** The usage of one command: `/msg NAME text` (its arguments named in `messages`' language). */
export function commandUsage(name: CommandName, messages: RoomMessages = roomEn): string {
  const args = (messages.help.args as Partial<Record<CommandName, string>>)[name];
  return args === undefined ? `/${name}` : `/${name} ${args}`;
}

/** The command names `speaker` may use, for one-line reminders: `/who /nick /msg …`. */
export function commandNames(speaker: Speaker, mode: RoomMode): string {
  return available(speaker, mode).map((spec) => `/${spec.name}`).join(" ");
}

/** The `/help` text for `speaker`, one line per command. */
export function helpLines(
  speaker: Speaker,
  mode: RoomMode,
  messages: RoomMessages = roomEn,
): string[] {
  const specs = available(speaker, mode);
  const usages = specs.map((spec) => commandUsage(spec.name, messages));
  const help = messages.help;
  const width = Math.max(...usages.map((usage) => usage.length), help.args.slash.length);
  return [
    help.title,
    ...specs.map((spec, i) => `*   ${usages[i].padEnd(width)}  ${help[spec.name]}`),
    `*   ${help.args.slash.padEnd(width)}  ${help.slash}`,
  ];
}

function available(speaker: Speaker, mode: RoomMode): CommandSpec[] {
  return COMMANDS.filter((spec) => spec.speakers.includes(speaker) && spec.modes.includes(mode));
}
