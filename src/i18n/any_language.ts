/**
 * Recognising a tp1 peer's protocol lines whatever language it speaks: a
 * French server's refusal must still be understood by an English `tp1 connect`
 * (and the other way round), so a client compares what it reads with every
 * catalogue's version of the line, never with its own language's alone.
 * Importing this module loads every catalogue (a run otherwise reads only its
 * own language's), so it is imported only where a peer's words are read.
 */
import { catalogueFor, loadLanguage, type Messages } from "./catalogue.ts";
import { LANGUAGES } from "./language.ts";

await Promise.all(LANGUAGES.map(loadLanguage));

/** `pick` of every catalogue: each language's version of one message. */
export function inEveryLanguage<T>(pick: (messages: Messages) => T): T[] {
  return LANGUAGES.map((language) => pick(catalogueFor(language)));
}

/**
 * A pattern for what `render` returns, its parameters matched by `groups`
 * (regular-expression sources, one per parameter, in order):
 * `messagePattern(m.throttled, ["(\\S+)", "(\\d+)"])`.
 */
export function messagePattern(
  render: (...args: never[]) => string,
  groups: readonly string[],
): RegExp {
  const holes = groups.map((_, i) => `\u0000${i}\u0000`);
  const escaped = (render as (...args: string[]) => string)(...holes).replace(
    /[.*+?^${}()|[\]\\]/g,
    "\\$&",
  );
  const source = holes.reduce((text, hole, i) => text.replace(hole, groups[i]), escaped);
  return new RegExp(`^${source}$`);
}

/** The fixed beginning of what `render` returns, before its first parameter. */
export function fixedStart(render: (text: string) => string): string {
  return render("\u0000").split("\u0000")[0];
}
