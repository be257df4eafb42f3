/**
 * `node:util` parseArgs with tp1's error style: an unknown flag or a missing
 * value becomes a UsageError that names it, shown with the command's usage line.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "../errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `args` strictly against `options`, allowing positionals. */
export function parseOptions<T extends Options>(args: string[], options: T, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(rephrase(error), usage);
  }
}

function rephrase(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option "${unknown[1]}"`;
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) return `option "${missing[1].split(",").pop()?.trim().split(" ")[0]}" needs a value`;
  return message.split(". ")[0].replaceAll("'", '"').replace(/^./, (c) => c.toLowerCase());
}
