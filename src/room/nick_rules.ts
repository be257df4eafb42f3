/**
 * What makes a good name in the room: short, one word, letters (accents
 * welcome), digits and `_ - .`, not taken by someone else (ignoring case), and
 * not one that would confuse: `server`, or `userN`, which newcomers get.
 */

/** The longest name, in characters. */
export const MAX_NICK_LENGTH = 24;

/** The name the operator speaks under in chat mode. */
export const OPERATOR_NAME = "server";

const RESERVED = new Set([OPERATOR_NAME, "operator", "announce", "all", "everyone", "me", "you"]);
const SHAPE = /^[\p{L}\p{N}_][\p{L}\p{M}\p{N}_.\-]*$/u;

/** The outcome of checking a wanted name. */
export type NickCheck =
  | { readonly ok: true; readonly nick: string }
  | { readonly ok: false; readonly problem: string };

/** The default name of client number `id`. */
export function defaultNick(id: number): string {
  return `user${id}`;
}

/** Two names are the same name when they differ only in case. */
export function nickKey(nick: string): string {
  return nick.normalize("NFC").toLowerCase();
}

/**
 * Checks `wanted` for a member whose current name is `current`;
 * `isTaken` says whether another member already has a name.
 */
export function checkNick(
  wanted: string,
  current: string,
  isTaken: (nick: string) => boolean,
): NickCheck {
  const nick = wanted.trim().normalize("NFC");
  if (/\s/.test(nick)) {
    return refuse(`a name is one word: try ${nick.split(/\s+/).join("_")}`);
  }
  const length = [...nick].length;
  if (length > MAX_NICK_LENGTH) {
    return refuse(`"${nick}" is too long: at most ${MAX_NICK_LENGTH} characters`);
  }
  if (!SHAPE.test(nick)) {
    return refuse(
      `"${nick}" is not a valid name: use letters, digits, _ - and ., starting with a letter or digit`,
    );
  }
  const key = nickKey(nick);
  if (key === nickKey(current)) {
    return nick === current ? refuse(`you are already called ${current}`) : { ok: true, nick };
  }
  if (RESERVED.has(key) || /^user\d+$/.test(key)) {
    return refuse(`"${nick}" is reserved: choose another name`);
  }
  if (isTaken(nick)) return refuse(`"${nick}" is taken: choose another name`);
  return { ok: true, nick };
}

function refuse(problem: string): NickCheck {
  return { ok: false, problem };
}
