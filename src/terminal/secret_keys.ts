/**
 * The keys of a secret typed with echo off, read the same way wherever it is
 * asked for (`--password` before connecting, or the server's request at the
 * prompt): Enter ends, Backspace erases, Ctrl-C cancels, Ctrl-D on nothing
 * ends with nothing. Pure: the caller reads the terminal and shows nothing.
 */

/** How typing the secret ended, with what the terminal sent after it (for the prompt). */
export type SecretEnd =
  | { readonly kind: "entered"; readonly secret: string; readonly rest: string }
  | { readonly kind: "interrupt" }
  | { readonly kind: "eof" };

/** Bracketed-paste markers: a pasted password is the text between them. */
// deno-lint-ignore no-control-regex -- the markers start with ESC
const PASTE_MARKERS = /\x1b\[20[01]~/g;

/** Collects a secret key by key; `feed` returns how it ended, or undefined while typing goes on. */
export class SecretKeys {
  #secret = "";

  /** Reads `text` (decoded terminal input). */
  feed(text: string): SecretEnd | undefined {
    const chars = [...text.replace(PASTE_MARKERS, "")];
    for (let i = 0; i < chars.length; i++) {
      const char = chars[i];
      if (char === "\r" || char === "\n") {
        // A CR LF pair is one Enter: the LF is not left for the prompt.
        const next = char === "\r" && chars[i + 1] === "\n" ? i + 2 : i + 1;
        return { kind: "entered", secret: this.#secret, rest: chars.slice(next).join("") };
      }
      if (char === "\x03") return { kind: "interrupt" };
      if (char === "\x04" && this.#secret === "") return { kind: "eof" };
      // A key that sends a sequence (an arrow, Home, F1, Alt+letter) is no part of a secret:
      // as text, Left would add "[D" to the password, unseen.
      if (char === "\x1b") {
        i = sequenceEnd(chars, i);
        continue;
      }
      if (char === "\x7f" || char === "\b") this.#secret = [...this.#secret].slice(0, -1).join("");
      else if (char >= " ") this.#secret += char;
    }
    return undefined;
  }

  /** What was typed so far. */
  get typed(): string {
    return this.#secret;
  }
}

/** The index of the last character of the escape sequence starting at `chars[at]` (ESC). */
function sequenceEnd(chars: readonly string[], at: number): number {
  const kind = chars[at + 1];
  if (kind === "[") {
    // CSI: parameters and intermediates, then one final character from @ to ~.
    let i = at + 2;
    while (i < chars.length && !(chars[i] >= "@" && chars[i] <= "~")) i++;
    return Math.min(i, chars.length - 1);
  }
  // SS3 (ESC O A: an arrow in application mode) is three characters; Alt+key (ESC x) two.
  if (kind === "O") return Math.min(at + 2, chars.length - 1);
  return Math.min(at + 1, chars.length - 1);
}
