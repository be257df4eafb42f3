/**
 * The language a run starts in, when its entry point knows it before anything
 * imports the catalogue (main.ts reads `--lang` and the environment first): then
 * catalogue.ts loads that language's messages only, not every language's.
 */
import type { Language } from "./language.ts";

let chosen: Language | undefined;

/** Says which language this run speaks; to be called before catalogue.ts is first imported. */
export function startIn(language: Language): void {
  chosen = language;
}

/** The language given to {@linkcode startIn}, or undefined when nobody said (tests, tools). */
export function startLanguage(): Language | undefined {
  return chosen;
}
