/**
 * tp1's own command-line option parser: `--name VALUE`, `--name=VALUE`, `-n VALUE`,
 * `-nVALUE`, grouped short flags (`-kv`), repeatable options, `--` to end options,
 * and options whose value is optional (`--wait`, `--wait 20`). Every mistake is a
 * UsageError in tp1's own words, shown with the command's usage line: node:util's
 * parser leaked sentences such as "argument is ambiguous. Did you forget…".
 */
import { t } from "../i18n/catalogue.ts";
import { UsageError } from "../errors.ts";

/** How one option is written and what it holds. */
export interface OptionSpec {
  readonly type: "string" | "boolean";
  /** A one-letter alias: `-p` for `--port`. */
  readonly short?: string;
  /** May be given several times; the values are collected in order. */
  readonly multiple?: boolean;
  /**
   * The value may be left out (`--wait` alone): it is then `bare`, and the
   * next word is taken as the value only when it matches `next`.
   */
  readonly optional?: { readonly bare: string; readonly next?: RegExp };
}

/** The options a command accepts, by long name. */
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** What the parsed options hold: booleans, strings, or lists for repeatable ones. */
export type OptionValues<T extends OptionSpecs> = {
  -readonly [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean
    : T[K]["multiple"] extends true ? string[]
    : string;
};

/** The parsed command line. */
export interface ParsedOptions<T extends OptionSpecs> {
  readonly values: OptionValues<T>;
  readonly positionals: string[];
}

/** Parses `args` strictly against `options`; positionals are allowed anywhere. */
export function parseOptions<T extends OptionSpecs>(
  args: readonly string[],
  options: T,
  usage: string,
): ParsedOptions<T> {
  const values: Record<string, boolean | string | string[]> = {};
  const positionals: string[] = [];
  const fail = (message: string): never => {
    throw new UsageError(message, usage);
  };
  const byShort = new Map(
    Object.entries(options).filter(([, spec]) => spec.short).map(([name, spec]) => [
      spec.short!,
      name,
    ]),
  );
  const store = (name: string, value: boolean | string) => {
    const spec = options[name];
    if (spec.multiple && typeof value === "string") {
      values[name] = [...(values[name] as string[] | undefined ?? []), value];
    } else {
      values[name] = value;
    }
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") {
      positionals.push(...args.slice(i + 1));
      break;
    }
    // "-" (stdin, by convention) and negative numbers are words, not options.
    if (!arg.startsWith("-") || arg === "-" || NEGATIVE_NUMBER.test(arg)) {
      positionals.push(arg);
      continue;
    }
    if (arg.startsWith("--")) {
      const equals = arg.indexOf("=");
      const name = equals === -1 ? arg.slice(2) : arg.slice(2, equals);
      const flag = `--${name}`;
      const spec = Object.hasOwn(options, name) ? options[name] : undefined;
      if (!spec) fail(unknownOption(flag, Object.keys(options)));
      if (spec!.type === "boolean") {
        if (equals !== -1) fail(t().usage.takesNoValue(flag, arg));
        store(name, true);
        continue;
      }
      if (equals !== -1) {
        store(name, arg.slice(equals + 1));
        continue;
      }
      const next = args[i + 1];
      if (spec!.optional) {
        // A negative number after it ("--wait -3") is its value, refused as such, not a positional.
        const takesNext = next !== undefined &&
          (spec!.optional.next?.test(next) || NEGATIVE_NUMBER.test(next));
        store(name, takesNext ? next : spec!.optional.bare);
        if (takesNext) i++;
        continue;
      }
      store(name, valueAfter(flag, next, fail));
      i++;
      continue;
    }
    // "-port 8000" is a long option with one dash, not "-p" given "ort".
    const long = arg.slice(1).split("=")[0];
    if (long.length > 1 && Object.hasOwn(options, long)) {
      fail(t().usage.longWithOneDash(arg));
    }
    // Short flags: "-v", "-kv" (grouped booleans), "-p 7999", "-p7999".
    for (let j = 1; j < arg.length; j++) {
      const letter = arg[j];
      const name = byShort.get(letter);
      if (name === undefined) {
        const value = arg.slice(j + 1).replace(/^=/, "") || args[i + 1];
        fail(
          j === 1
            ? t().usage.unknownOption(arg.slice(0, 2)) + ncHint(letter, value, options)
            : t().usage.unknownLetterIn(`-${letter}`, arg),
        );
      }
      const spec = options[name!];
      if (spec.type === "boolean") {
        if (arg[j + 1] === "=") fail(t().usage.shortTakesNoValue(`-${letter}`, arg));
        store(name!, true);
        continue;
      }
      const attached = arg.slice(j + 1).replace(/^=/, "");
      if (attached !== "") {
        store(name!, attached);
      } else {
        store(name!, valueAfter(`-${letter}`, args[i + 1], fail));
        i++;
      }
      break;
    }
  }
  return { values: values as OptionValues<T>, positionals };
}

/** "-3", "-0.5": a word, never an option, and never a host or a port either. */
const NEGATIVE_NUMBER = /^-\d/;

/** nc's flags that tp1 spells differently: the letter and the tp1 option that says it. */
const NC_FLAGS: Readonly<Record<string, string>> = {
  // nc -w: a connection that cannot be made (OpenBSD nc: or that stays idle) times out.
  w: "timeout",
};

/** "; nc's -w …: write --timeout …" when `-letter` is nc's way of saying a tp1 option. */
function ncHint(letter: string, value: string | undefined, options: OptionSpecs): string {
  const option = Object.hasOwn(NC_FLAGS, letter) ? NC_FLAGS[letter] : undefined;
  if (!option || !Object.hasOwn(options, option)) return "";
  const shown = value !== undefined && /^\d+(\.\d+)?$/.test(value) ? value : undefined;
  return t().usage.ncWaitFlag(shown);
}

/** The word after `flag`, which must be there and must not be another option. */
function valueAfter(flag: string, next: string | undefined, fail: (m: string) => never): string {
  if (next === undefined) return fail(t().usage.needsValue(flag));
  if (next.startsWith("--") && next.length > 2) {
    return fail(t().usage.needsValueNotOption(flag, next));
  }
  return next;
}

/** "unknown option", with the option probably meant when one of `names` is close. */
export function unknownOption(flag: string, names: readonly string[]): string {
  const name = flag.slice(2);
  const close = name.length < 2
    ? undefined
    : names.find((known) =>
      known.startsWith(name) || name.startsWith(known) || editDistance(known, name) <= 1
    );
  return close ? t().usage.unknownOptionMeant(flag, close) : t().usage.unknownOption(flag);
}

/** Edits (insert, delete, change, swap two neighbours) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}
