/**
 * Plural forms, the one place that knows each language's rule: French counts 0
 * and 1 as singular ("0 client connecté", "1 client connecté", "2 clients
 * connectés"), English only 1.
 */
import type { Language } from "./language.ts";

const rules = new Map<Language, Intl.PluralRules>();

/** `one` or `other`, as `language` says for `count`: `plural("fr", 0, "client", "clients")` is "client". */
export function plural(language: Language, count: number, one: string, other: string): string {
  let rule = rules.get(language);
  if (rule === undefined) {
    rule = new Intl.PluralRules(language);
    rules.set(language, rule);
  }
  return rule.select(count) === "one" ? one : other;
}
