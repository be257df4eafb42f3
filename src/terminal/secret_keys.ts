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

/**
 * Collects a secret key by key; `feed` returns how it ended, or undefined while typing goes on.
 * Escape sequences (keys such as arrows, and the bracketed-paste marks around a pasted password)
 * are skipped, even when one arrives split across two reads: a long paste can end a read in the
 * middle of its closing mark, whose tail would otherwise become part of the secret, unseen.
 */
export class SecretKeys {
  #secret = "";
  /** The start of an escape sequence that the last read ended in. */
  #unfinished = "";

  /** Reads `text` (decoded terminal input). */
  feed(text: string): SecretEnd | undefined {
    const chars = [...this.#continued(text)];
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
        const end = sequenceEnd(chars, i);
        if (end === undefined) {
          this.#unfinished = chars.slice(i).join("");
          return undefined;
        }
        i = end;
        continue;
      }
      if (char === "\x7f" || char === "\b") this.#secret = [...this.#secret].slice(0, -1).join("");
      else if (char >= " ") this.#secret += char;
    }
    return undefined;
  }

  /**
   * `text` after the unfinished sequence of the last read, if `text` goes on with it. A lone ESC
   * at the end of a read was the Escape key unless the next read carries on a sequence (`[` or
   * `O`): what was typed after Escape is kept.
   */
  #continued(text: string): string {
    const unfinished = this.#unfinished;
    this.#unfinished = "";
    if (unfinished === "") return text;
    if (unfinished === "\x1b" && text[0] !== "[" && text[0] !== "O") return text;
    return unfinished + text;
  }

  /** What was typed so far. */
  get typed(): string {
    return this.#secret;
  }
}

/**
 * The index of the last character of the escape sequence starting at `chars[at]` (ESC), or
 * undefined when `chars` ends before the sequence does.
 */
function sequenceEnd(chars: readonly string[], at: number): number | undefined {
  const kind = chars[at + 1];
  if (kind === "[") {
    // CSI: parameters and intermediates, then one final character from @ to ~.
    let i = at + 2;
    while (i < chars.length && !(chars[i] >= "@" && chars[i] <= "~")) i++;
    return i < chars.length ? i : undefined;
  }
  // SS3 (ESC O A: an arrow in application mode) is three characters; Alt+key (ESC x) two.
  const end = kind === "O" ? at + 2 : at + 1;
  return end < chars.length ? end : undefined;
}
