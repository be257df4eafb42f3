/**
 * Makes peer text safe for a terminal: control characters and escape sequences
 * are shown visibly escaped (`\x1b[2J`) instead of being obeyed, so a peer cannot
 * clear the screen, move the cursor, set the window title or reorder text.
 */

// C0 controls except TAB, DEL, C1 controls, and the bidirectional overrides/isolates.
// deno-lint-ignore no-control-regex -- matching control characters is the point.
const UNSAFE = /[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

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

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
}
