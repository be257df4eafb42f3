/**
 * What makes a good name in the room: short, one word, letters (accents
 * welcome, at most two on a letter), digits and `_ - .`, not taken by someone
 * else, and not one that would confuse: `server`, `all`, or `userN`, which
 * newcomers get. Names are compared by their look, not their bytes (see
 * {@linkcode nameKey}): `ѕerver` in Cyrillic, `ｓerver` in fullwidth or `ALICE`
 * are `server` and `alice`. A refusal quotes the name escaped, as all peer text.
 */
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { roomEn, type RoomMessages } from "../i18n/en/room.ts";
import { capitalLook, nameKey } from "./name_skeleton.ts";

/** The longest name, in characters. */
export const MAX_NICK_LENGTH = 24;

/** The most combining marks on one letter (Vietnamese needs two; a pile of them is noise). */
export const MAX_MARKS_PER_LETTER = 2;

/** The name the operator speaks under in chat mode. */
export const OPERATOR_NAME = "server";

const RESERVED_NAMES = [OPERATOR_NAME, "operator", "announce", "all", "everyone", "me", "you"];
/** The reserved names by key, and the look of `userN` (1 looks like l, 0 like O): built on first use. */
let reservedLooks: { byKey: Map<string, string>; userN: RegExp } | undefined;
const SHAPE = /^[\p{L}\p{N}_][\p{L}\p{M}\p{N}_.\-]*$/u;
const TOO_MANY_MARKS = new RegExp(`\\p{M}{${MAX_MARKS_PER_LETTER + 1}}`, "u");
/** How much of a refused name is quoted back. */
const QUOTED_LENGTH = 40;

/** The outcome of checking a wanted name. */
export type NickCheck =
  | { readonly ok: true; readonly nick: string }
  | { readonly ok: false; readonly problem: string };

/** The default name of client number `id`. */
export function defaultNick(id: number): string {
  return `user${id}`;
}

/** Two names are the same name when they look alike: this key is then the same. */
export function nickKey(nick: string): string {
  return nameKey(nick);
}

/**
 * Checks `wanted` for a member whose current name is `current`;
 * `isTaken` says whether another member already has a name (by {@linkcode nickKey}).
 */
export function checkNick(
  wanted: string,
  current: string,
  isTaken: (nick: string) => boolean,
  messages: RoomMessages = roomEn,
): NickCheck {
  const says = messages.nick;
  const quote = (name: string) => quoted(name, messages);
  const nick = wanted.trim().normalize("NFC");
  const shown = quote(nick);
  if (/\s/.test(nick)) return refuse(says.oneWord(quote(nick.split(/\s+/).join("_"))));
  const length = [...nick].length;
  if (length > MAX_NICK_LENGTH) {
    return refuse(says.tooLong(shown, MAX_NICK_LENGTH));
  }
  if (!SHAPE.test(nick)) {
    return refuse(says.invalid(shown));
  }
  if (TOO_MANY_MARKS.test(nick.normalize("NFD"))) {
    return refuse(says.tooManyMarks(shown, MAX_MARKS_PER_LETTER));
  }
  const key = nickKey(nick);
  if (key === nickKey(current)) {
    return nick === current ? refuse(says.alreadyYours(current)) : { ok: true, nick };
  }
  const plain = nick.toLowerCase();
  // Compared by its lower case, and by the look of its capitals (ΑLΕX is alex).
  const looks = [nick, capitalLook(nick)].filter((spelling, i) =>
    i === 0 || nickKey(spelling) !== nickKey(current)
  );
  const reserved = looks.map(reservedLook).find((name) => name !== undefined);
  if (reserved !== undefined) {
    const exact = plain === reserved || (reserved === "userN" && /^user\d+$/.test(plain));
    return refuse(
      exact ? says.reserved(shown) : says.looksReserved(shown, reserved),
    );
  }
  if (isTaken(nick)) {
    // Only a different look-alike needs saying so: "alice" and "ALICE" are plainly the same.
    return refuse(
      key === plain.normalize("NFD") ? says.taken(shown) : says.looksTaken(shown),
    );
  }
  if (looks.length > 1 && isTaken(looks[1])) {
    return refuse(says.looksTaken(shown));
  }
  return { ok: true, nick };
}

/** The reserved name `name` looks like: "server", "userN"…, if any. */
function reservedLook(name: string): string | undefined {
  reservedLooks ??= {
    byKey: new Map(RESERVED_NAMES.map((reserved) => [nameKey(reserved), reserved])),
    userN: new RegExp(`^${nameKey("user")}[${[..."0123456789"].map(nameKey).join("")}]+$`, "u"),
  };
  const key = nickKey(name);
  return reservedLooks.byKey.get(key) ?? (reservedLooks.userN.test(key) ? "userN" : undefined);
}

/** `name` in quotes, escaped like all peer text, and cut if long. */
function quoted(name: string, messages: RoomMessages): string {
  const chars = [...name];
  const cut = chars.length > QUOTED_LENGTH ? chars.slice(0, QUOTED_LENGTH).join("") + "…" : name;
  return messages.quote(sanitizeForDisplay(cut));
}

function refuse(problem: string): NickCheck {
  return { ok: false, problem };
}
