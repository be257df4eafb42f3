/**
 * French typography, applied once to the whole French catalogue: the space
 * before `:`, `;`, `?`, `!` and `»` and the one after `«` become no-break spaces
 * (U+00A0), so the catalogue is written with ordinary spaces, readable in a
 * diff, and a line never wraps between a word and its colon.
 */

/** The no-break space French puts before `:` `;` `?` `!` and inside « guillemets ». */
export const NBSP = "\u00a0";

/** `text` with French no-break spaces: "Usage : x" → "Usage\u00a0: x", "« a »" → "«\u00a0a\u00a0»". */
export function frenchSpacing(text: string): string {
  return text.replace(/(?<=\S) (?=[:;?!»])/g, NBSP).replace(/« /g, `«${NBSP}`);
}

/**
 * A copy of `catalogue` with {@linkcode frenchSpacing} applied to every
 * message: strings, and the strings that message functions return.
 */
export function withFrenchSpacing<T>(catalogue: T): T {
  if (typeof catalogue === "string") return frenchSpacing(catalogue) as T;
  if (typeof catalogue === "function") {
    return ((...args: unknown[]) => withFrenchSpacing(catalogue(...args))) as T;
  }
  if (typeof catalogue === "object" && catalogue !== null && !Array.isArray(catalogue)) {
    return Object.fromEntries(
      Object.entries(catalogue).map(([key, value]) => [key, withFrenchSpacing(value)]),
    ) as T;
  }
  if (Array.isArray(catalogue)) return catalogue.map(withFrenchSpacing) as T;
  return catalogue;
}
