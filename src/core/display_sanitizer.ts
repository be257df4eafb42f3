/**
 * Makes peer text safe for a terminal: control characters and escape sequences
 * are shown visibly escaped (`\x1b[2J`) instead of being obeyed, so a peer cannot
 * clear the screen, move the cursor, set the window title or reorder text; and
 * invisible characters (zero-width spaces, line and paragraph separators) are
 * shown too, so a peer cannot hide text or make two different texts look alike.
 */

// C0 controls except TAB, DEL, C1 controls, the bidirectional marks, overrides and
// isolates, U+2028/U+2029, and the invisible ones: soft hyphen, combining grapheme
// joiner, Hangul fillers, Khmer inherent vowels, Mongolian vowel separator, zero-width
// space, non-joiner and joiner, word joiner, invisible operators, deprecated format
// controls, BOM.
const UNSAFE =
  // deno-lint-ignore no-control-regex -- matching control characters is the point.
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u17b4\u17b5\u2060-\u206f\u3164\ufeff\uffa0]/g;

const NAMED: Record<string, string> = {
  "\x00": "\\0",
  "\x07": "\\a",
  "\b": "\\b",
  "\n": "\\n",
  "\v": "\\v",
  "\f": "\\f",
  "\r": "\\r",
  "\x1b": "\\e",
};

/** Returns `text` with every character a terminal would obey replaced by a visible escape. */
export function sanitizeForDisplay(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

function escapeOne(char: string, at: number, text: string): string {
  // A joiner inside an emoji sequence (👩‍💻) or a Persian or Indic word does a
  // visible job there; between Latin letters it only hides a difference.
  if ((char === "\u200d" || char === "\u200c") && joins(text, at)) return char;
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}

/** Whether the joiner at `at` sits between two characters that it joins visibly. */
function joins(text: string, at: number): boolean {
  const before = at >= 2 && text.charCodeAt(at - 1) >= 0xdc00 && text.charCodeAt(at - 1) <= 0xdfff
    ? text.slice(at - 2, at)
    : text.slice(at - 1, at);
  const next = text.codePointAt(at + 1);
  const after = next === undefined ? "" : String.fromCodePoint(next);
  // What a joiner may sit between: emoji, and letters of scripts that need it. The patterns
  // are written here, not at the top of the module: a \p{…} pattern there is parsed when the
  // module loads, ~2 ms of every start-up that loads it (a piped `tp1 connect`), needed or not.
  const joinable = /^[\p{L}\p{M}\p{Extended_Pictographic}\u{fe0f}\u{1f3fb}-\u{1f3ff}]$/u;
  const latinOrAscii = /^[\p{Script=Latin}\p{ASCII}]$/u;
  return [before, after].every((c) => joinable.test(c) && !latinOrAscii.test(c));
}
