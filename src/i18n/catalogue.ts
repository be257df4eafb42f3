/**
 * The active catalogue. How the code base uses it:
 *
 * - `src/cli/run_cli.ts` calls {@linkcode setLanguage} once, before any command
 *   runs (from `--lang`, else LC_ALL / LC_MESSAGES / LANG); nothing else does.
 *   main.ts names that language (`startIn` (start_language.ts)) before this module loads,
 *   so a run reads its own language's messages only; code that must recognise
 *   a peer's words in every language imports any_language.ts, which loads all.
 * - Edges (cli, net, client, server, gate, terminal, tls, files…) and the
 *   errors they throw call {@linkcode t}: `throw new UserError(t().net.refused(target))`.
 * - Pure functions that render text take the catalogue as a parameter
 *   (`renderPortReport(usage, trial, messages)`), so tests render both languages
 *   without touching the global; the pure core that decides (the room) returns
 *   data or keys (a `LeaveReason`), and the edge renders them.
 * - In a chat room, what the server sends to clients is rendered by the server
 *   process, so it is in the server's language; each `tp1 connect` renders its
 *   own local messages with its own catalogue.
 * - Machine-readable output (piped bytes, exit codes, the `tp1 port` table's
 *   column names) never goes through the catalogue; a `--record` transcript's
 *   words do (its times and addresses stay as they are).
 *
 * Adding a message: put it in `en/AREA.ts` (a string, or a function of its
 * parameters with plurals and agreement inside, `plural()` for counts), then
 * the same key in `fr/AREA.ts` — `deno check` fails until it is there — and
 * call `t().AREA.key(…)`. Write French with ordinary spaces before `:` `;` `?`
 * `!` and inside « »: `withFrenchSpacing` makes them no-break spaces. A message
 * that must read the same in both languages goes in `SAME_IN_BOTH` in
 * tests/i18n/catalogue_test.ts.
 */
import type { Messages } from "./messages_en.ts";
import { type Language, LANGUAGES } from "./language.ts";
import { startLanguage } from "./start_language.ts";

export type { Messages };
export type { Language };

const loaded: Partial<Record<Language, Messages>> = {};

/**
 * Loads the catalogue of `language` (once) and resolves to it. Each language's
 * messages are a module of their own, imported only by a run that speaks it.
 */
export async function loadLanguage(language: Language): Promise<Messages> {
  return loaded[language] ??= language === "fr"
    ? (await import("./messages_fr.ts")).fr
    : (await import("./messages_en.ts")).en;
}

const start = startLanguage();
let activeLanguage: Language = start ?? "en";
// tp1 itself (main.ts) says which language it speaks before this module loads, and only
// that catalogue is read (start-up, issue 14); anything else (tests, tools) gets every
// catalogue now, so that any can be chosen at once.
await Promise.all((start ? [start] : LANGUAGES).map(loadLanguage));

/** The catalogue of `language`, which must be loaded ({@linkcode loadLanguage}). */
export function catalogueFor(language: Language): Messages {
  const messages = loaded[language];
  if (!messages) throw new Error(`the ${language} catalogue is not loaded: await loadLanguage()`);
  return messages;
}

/** The active catalogue: English until {@linkcode setLanguage} chose another. */
export function t(): Messages {
  return loaded[activeLanguage]!;
}

/** The language {@linkcode t} speaks (for `Intl` formatting and plural rules). */
export function currentLanguage(): Language {
  return activeLanguage;
}

/**
 * Chooses the language of {@linkcode t}: once, at start-up (and around in-process test
 * runs). Its catalogue must be loaded ({@linkcode loadLanguage}).
 */
export function setLanguage(language: Language): void {
  catalogueFor(language);
  activeLanguage = language;
}
