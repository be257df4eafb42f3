/**
 * How the room lists people: the `/who` table (name, address, connected since)
 * and the short "alice, bob and 3 others" phrase a newcomer reads.
 */
import { clockTime } from "../core/clock_text.ts";
import { roomEn, type RoomMessages } from "../i18n/en/room.ts";
import type { Member } from "./members.ts";
import type { ClientId } from "./room_types.ts";

/**
 * How many people (or UDP peers) a `/who` lists before "… and N more": a
 * room of thousands would otherwise send more than a reader's screen holds.
 */
export const WHO_LISTED = 200;

/** Options for {@linkcode formatWho}. */
export interface WhoOptions {
  /** Marked "(you)" in the list. */
  readonly viewer?: ClientId;
  /** How many members there are in all, when `members` is only the first of them. */
  readonly total?: number;
}

/** The `/who` reply: a header line, then one aligned line per member. */
export function formatWho(
  members: readonly Member[],
  now: Date,
  { viewer, total = members.length }: WhoOptions = {},
  messages: RoomMessages = roomEn,
): string[] {
  const who = messages.who;
  if (total === 0) return [who.nobody];
  const nameWidth = Math.max(...members.map((m) => [...m.name].length));
  const addressWidth = Math.max(...members.map((m) => m.address.length));
  const lines = [who.header(total)];
  for (const member of members) {
    const name = member.name + " ".repeat(nameWidth - [...member.name].length);
    const since = who.since(clockTime(member.since), formatDuration(now, member.since));
    const you = member.id === viewer ? `  ${who.you}` : "";
    lines.push(`*   ${name}  ${member.address.padEnd(addressWidth)}  ${since}${you}`);
  }
  if (total > members.length) lines.push(who.more(total - members.length));
  return lines;
}

/** `alice, bob and carol`; with `total` above the names given: `alice, bob and 98 others`. */
export function formatNames(
  names: readonly string[],
  total: number = names.length,
  messages: RoomMessages = roomEn,
): string {
  const { and, others } = messages.who;
  const more = total - names.length;
  if (more > 0) return `${names.join(", ")} ${and} ${others(more)}`;
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${and} ${names[names.length - 1]}`;
}

/** The host part of `host:port` or `[v6]:port`, as people read an address. */
export function hostOf(address: string): string {
  const bracketed = /^\[([^\]]*)\]:\d+$/.exec(address);
  if (bracketed) return bracketed[1];
  const colon = address.lastIndexOf(":");
  return colon === -1 || address.indexOf(":") !== colon ? address : address.slice(0, colon);
}

/** How long from `since` to `now`: `12 s`, `5 min`, `2 h 05 min`. */
export function formatDuration(now: Date, since: Date): string {
  const seconds = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}
