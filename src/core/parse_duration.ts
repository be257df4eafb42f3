/** Durations typed on the command line (`--timeout 2.5`, `--idle 60`), in seconds. */
import { t } from "../i18n/catalogue.ts";
import { UsageError } from "../errors.ts";

/** Parses a positive number of seconds given to `flag`; returns milliseconds. */
export function parseSecondsToMs(text: string, flag: string, usage: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds > 0)) {
    throw new UsageError(t().usage.seconds(flag, text), usage);
  }
  return seconds * 1000;
}
