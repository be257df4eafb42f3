/** The language choice: POSIX order of LC_ALL, LC_MESSAGES, LANG; French only for fr*. */
import { assertEquals } from "../_helpers/assert.ts";
import {
  languageFromEnvironment,
  languageOfLocale,
  parseLanguage,
} from "../../src/i18n/language.ts";

const from = (env: Record<string, string>) => languageFromEnvironment((name) => env[name]);

Deno.test("languageFromEnvironment() is French for LANG=fr_FR.UTF-8 alone", () => {
  assertEquals(from({ LANG: "fr_FR.UTF-8" }), "fr");
});

Deno.test("languageFromEnvironment() is English for LC_ALL=C LANG=fr_FR.UTF-8 (LC_ALL wins)", () => {
  assertEquals(from({ LC_ALL: "C", LANG: "fr_FR.UTF-8" }), "en");
});

Deno.test("languageFromEnvironment() takes LC_MESSAGES before LANG, and skips empty values", () => {
  assertEquals(from({ LC_MESSAGES: "fr_CA.UTF-8", LANG: "en_US.UTF-8" }), "fr");
  assertEquals(from({ LC_MESSAGES: "en_GB", LANG: "fr_FR" }), "en");
  assertEquals(from({ LC_ALL: "", LC_MESSAGES: "", LANG: "fr" }), "fr");
});

Deno.test("languageFromEnvironment() is English when nothing is set", () => {
  assertEquals(from({}), "en");
});

Deno.test("languageOfLocale() knows fr, fr_FR.UTF-8, fr_CA, fr_BE@euro, and nothing else", () => {
  for (const locale of ["fr", "fr_FR.UTF-8", "fr_CA", "fr_BE@euro", "fr.UTF-8", "FR_fr"]) {
    assertEquals(languageOfLocale(locale), "fr", locale);
  }
  for (const locale of ["C", "POSIX", "C.UTF-8", "en_US.UTF-8", "de_DE", "fri", "french"]) {
    assertEquals(languageOfLocale(locale), "en", locale);
  }
});

Deno.test("parseLanguage() takes fr and en (any case), nothing else", () => {
  assertEquals([parseLanguage("fr"), parseLanguage("EN"), parseLanguage("de")], [
    "fr",
    "en",
    undefined,
  ]);
});
