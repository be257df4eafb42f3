/**
 * The active catalogue. How the code base uses it:
 *
 * - `src/cli/run_cli.ts` calls {@linkcode setLanguage} once, before any command
 *   runs (from `--lang`, else LC_ALL / LC_MESSAGES / LANG); nothing else does.
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
import { en, type Messages } from "./messages_en.ts";
import { fr } from "./messages_fr.ts";
import type { Language } from "./language.ts";

export type { Messages };
export type { Language };

const CATALOGUES: Readonly<Record<Language, Messages>> = { en, fr };

let activeLanguage: Language = "en";

/** The catalogue of `language`. */
export function catalogueFor(language: Language): Messages {
  return CATALOGUES[language];
}

/** The active catalogue: English until {@linkcode setLanguage} chose another. */
export function t(): Messages {
  return CATALOGUES[activeLanguage];
}

/** The language {@linkcode t} speaks (for `Intl` formatting and plural rules). */
export function currentLanguage(): Language {
  return activeLanguage;
}

/** Chooses the language of {@linkcode t}: once, at start-up (and around in-process test runs). */
export function setLanguage(language: Language): void {
  activeLanguage = language;
}
