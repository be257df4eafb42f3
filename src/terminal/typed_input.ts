/**
 * What the terminal sent, split into text and keys. A paste arrives as one
 * chunk of many characters; handing them to the line editor one key at a time
 * redraws the prompt for each (seconds for a long line), so runs of plain
 * characters are inserted whole and only control keys go through key handling.
 * Bracketed-paste markers (ESC[200~ … ESC[201~) are removed: what they enclose
 * is text like any other run.
 */

/** One piece of terminal input: plain characters to insert, or key bytes to interpret. */
export type InputPiece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "keys"; readonly text: string };

const PASTE_START = "\x1b[200~";
const PASTE_END = "\x1b[201~";
/** One control character, or a run of characters that are not. */
// deno-lint-ignore no-control-regex -- control characters are what this splits on
const CONTROL_OR_RUN = /[\x00-\x1f\x7f]|[^\x00-\x1f\x7f]+/g;
/** The longest escape sequence a key sends; one split across reads is not mistaken for text. */
const LONGEST_KEY_SEQUENCE = 8;

/** Splits decoded terminal input into text runs and keys, remembering a split escape sequence. */
export class TypedInput {
  #recentEscape = false;
  /** The start of a paste marker that the last read ended with, kept for the next. */
  #carry = "";

  /** The pieces of `chunk`, in order. */
  split(chunk: string): InputPiece[] {
    let text = this.#carry + chunk;
    // A long paste reaches us in several reads, which may cut a marker in two.
    this.#carry = partialMarkerAtEnd(text);
    text = text.slice(0, text.length - this.#carry.length);
    text = text.replaceAll(PASTE_START, "").replaceAll(PASTE_END, "");
    const pieces: InputPiece[] = [];
    const push = (kind: InputPiece["kind"], part: string) => {
      const last = pieces.at(-1);
      if (last?.kind === kind) pieces[pieces.length - 1] = { kind, text: last.text + part };
      else pieces.push({ kind, text: part });
    };
    // Characters typed one at a time, and the few after an ESC (the rest of an
    // arrow's or function key's sequence, perhaps begun in the previous read),
    // stay keys: the editor parses them.
    let afterEscape = this.#recentEscape;
    for (const run of text.match(CONTROL_OR_RUN) ?? []) {
      if (run === "\x1b") {
        afterEscape = true;
        push("keys", run);
      } else if ([...run].length === 1) {
        afterEscape = false;
        push("keys", run);
      } else {
        const keys = afterEscape ? run.slice(0, LONGEST_KEY_SEQUENCE) : "";
        afterEscape = false;
        if (keys !== "") push("keys", keys);
        if (run.length > keys.length) push("text", run.slice(keys.length));
      }
    }
    this.#recentEscape = text.slice(-LONGEST_KEY_SEQUENCE).includes("\x1b");
    return pieces;
  }
}

/** The longest end of `text` that begins a paste marker ("" when none does). */
function partialMarkerAtEnd(text: string): string {
  for (let length = PASTE_START.length - 1; length > 0; length--) {
    const end = text.slice(-length);
    if (PASTE_START.startsWith(end) || PASTE_END.startsWith(end)) return end;
  }
  return "";
}
