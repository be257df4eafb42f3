/**
 * Which language tp1 speaks: chosen from the environment the POSIX way (the
 * first non-empty of LC_ALL, LC_MESSAGES, LANG), overridden by `--lang`. Pure.
 */

/** The languages tp1 has a catalogue for; English is the default. */
export type Language = "en" | "fr";

/** Every supported language, in the order the help lists them. */
export const LANGUAGES: readonly Language[] = ["en", "fr"];

/** The environment variables that choose the messages' language, strongest first (POSIX). */
export const LOCALE_VARIABLES = ["LC_ALL", "LC_MESSAGES", "LANG"] as const;

/**
 * The language named by the environment: the first of LC_ALL, LC_MESSAGES, LANG
 * that is set and not empty decides, so `LC_ALL=C LANG=fr_FR.UTF-8` is English.
 * `fr`, `fr_FR.UTF-8`, `fr_CA`, `fr@euro` → French; anything else → English.
 */
export function languageFromEnvironment(get: (name: string) => string | undefined): Language {
  for (const name of LOCALE_VARIABLES) {
    const value = get(name);
    if (value !== undefined && value !== "") return languageOfLocale(value);
  }
  return "en";
}

/** The language of one locale name (`fr_FR.UTF-8` → "fr"; `C`, `POSIX`, `en_GB` → "en"). */
export function languageOfLocale(locale: string): Language {
  return /^fr(?:$|[_.@-])/i.test(locale) ? "fr" : "en";
}

/** The value of `--lang` as a language, or undefined when it names none tp1 speaks. */
export function parseLanguage(value: string): Language | undefined {
  const lower = value.toLowerCase();
  return LANGUAGES.find((language) => language === lower);
}
