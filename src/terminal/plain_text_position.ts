/**
 * Where text leaves the cursor on the screen, the cheap way. node:readline
 * measures the prompt and the line at every key, every redraw and every message
 * shown (several times per line): under Deno each measure strips escape
 * sequences with a large regex and walks grapheme clusters, about 60 µs for a
 * 30-character prompt, and that was most of a line's latency. For plain text —
 * printable ASCII, Latin letters with their accents (é, ç, œ, ß…) and common
 * punctuation (’ « » – …), one column each — the answer is the length; anything
 * else (emoji, CJK, combining accents, tabs, escapes) is left to readline.
 */

/** A cursor position as node:readline counts it: rows down and columns across. */
export interface DisplayPosition {
  readonly cols: number;
  readonly rows: number;
}

/** Characters one column wide, never combined with the next, never an escape. */
const ONE_COLUMN_TEXT = /^[\x20-\x7e\u00a0-\u02ff\u2010-\u2027\u20ac]*$/;

/**
 * Where `text` written from the first column of a `columns`-wide terminal leaves
 * the cursor, as readline would say; undefined when the text is not plain.
 */
export function plainTextPosition(text: string, columns: number): DisplayPosition | undefined {
  if (!ONE_COLUMN_TEXT.test(text)) return undefined;
  const cols = text.length % columns;
  return { cols, rows: (text.length - cols) / columns };
}

/** The part of a readline interface whose measuring is replaced. */
type Measured = { readonly columns: number } & Record<symbol, unknown>;

/**
 * Makes `rl` measure plain text with {@linkcode plainTextPosition}, and the rest
 * as before. readline keeps its measure under a symbol of its own; when it is
 * not found (another Deno), nothing changes. Returns whether it was replaced.
 */
export function measurePlainTextFast(rl: object): boolean {
  const key = findSymbol(rl, "_getDisplayPos");
  const measured = rl as Measured;
  const original = key && measured[key];
  if (key === undefined || typeof original !== "function") return false;
  Object.defineProperty(rl, key, {
    value: (text: string): DisplayPosition =>
      plainTextPosition(text, measured.columns) ?? original.call(rl, text),
  });
  return true;
}

/**
 * The symbol named `description` under which `object`'s prototypes keep a method
 * (not the getter of the same name that only points back to the public one).
 */
function findSymbol(object: object, description: string): symbol | undefined {
  for (let proto = Object.getPrototypeOf(object); proto; proto = Object.getPrototypeOf(proto)) {
    for (const key of Object.getOwnPropertySymbols(proto)) {
      if (key.description !== description) continue;
      if (typeof Object.getOwnPropertyDescriptor(proto, key)?.value === "function") return key;
    }
  }
  return undefined;
}
