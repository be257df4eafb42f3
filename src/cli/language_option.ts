/**
 * `--lang fr|en`, accepted by every command: taken out of the arguments once, in
 * run_cli.ts, before the command parses the rest (so no command declares it).
 */
import { type Language, languageFromEnvironment, parseLanguage } from "../i18n/language.ts";

/** The arguments without `--lang`, and the language it chose (or why it could not). */
export interface LanguageChoice {
  readonly args: string[];
  /** The language `--lang` named; undefined when it was not given. */
  readonly language?: Language;
  /** Set when `--lang` was given a value tp1 does not speak, or none. */
  readonly error?: { readonly value?: string };
}

/**
 * Takes every `--lang X` / `--lang=X` before `--` out of `args` (the last one
 * wins). Pure.
 */
export function takeLanguageOption(args: readonly string[]): LanguageChoice {
  const rest: string[] = [];
  let language: Language | undefined;
  let error: { value?: string } | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      rest.push(...args.slice(i));
      break;
    }
    let value: string | undefined;
    if (arg === "--lang") {
      value = args[i + 1];
      if (value === undefined || value.startsWith("-")) {
        error = {};
        continue;
      }
      i++;
    } else if (arg.startsWith("--lang=")) {
      value = arg.slice("--lang=".length);
    } else {
      rest.push(arg);
      continue;
    }
    const parsed = parseLanguage(value);
    if (parsed === undefined) error = { value };
    else language = parsed;
  }
  return { args: rest, language, error };
}

/** The language the environment names (English when tp1 may not read it). */
export function environmentLanguage(): Language {
  try {
    return languageFromEnvironment((name) => Deno.env.get(name));
  } catch {
    return "en"; // no --allow-env: the default
  }
}

/** The language a run with `args` speaks: `--lang`, else the environment (bad `--lang`: that). */
export function languageOfRun(args: readonly string[]): Language {
  return takeLanguageOption(args).language ?? environmentLanguage();
}
