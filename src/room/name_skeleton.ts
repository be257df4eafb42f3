/**
 * The confusable skeleton of a name (Unicode UTS #39): two names that look
 * alike have the same skeleton (Cyrillic `ѕ` and Latin `s`, `0` and `O`). The
 * key compares names case-insensitively and by NFKC too, so fullwidth `ｓ` and
 * mathematical `𝐬` are `s`. Not meant to be read by people: `m` becomes `rn`.
 */
import { CONFUSABLES } from "./confusable_table.ts";

let prototypes: Map<string, string> | undefined;

/** The table, built on first use: start-up does not pay for it. */
function prototypeOf(): Map<string, string> {
  if (prototypes) return prototypes;
  prototypes = new Map();
  for (const [prototype, sources] of CONFUSABLES) {
    for (const source of sources) prototypes.set(source, prototype);
  }
  return prototypes;
}

/** UTS #39 skeleton: NFD, each character replaced by its prototype, NFD again. */
export function skeleton(text: string): string {
  const table = prototypeOf();
  let out = "";
  for (const char of text.normalize("NFD")) out += table.get(char) ?? char;
  return out.normalize("NFD");
}

/** What two names share when they look alike, whatever their case, width or script. */
export function nameKey(name: string): string {
  // Lowercase before (so ALICE is alice) and after (a prototype may be a capital: 0 → O).
  return skeleton(skeleton(name.normalize("NFKC").toLowerCase()).toLowerCase());
}

/**
 * `name` spelled as its capitals look, in lower case: Greek `ΕΒ` and Cyrillic
 * `ВО` read `eb` and `bo`, which their lower case (`εβ`, `во`) does not show.
 * Its {@linkcode nameKey} is a second key to compare a name by.
 */
export function capitalLook(name: string): string {
  let out = "";
  // ASCII stays itself: a Latin I is the i of ALICE here, not an l.
  for (const char of name.normalize("NFKC")) out += char < "\x80" ? char : skeleton(char);
  return out.toLowerCase();
}
