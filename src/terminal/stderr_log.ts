/**
 * tp1's own lines on stderr (`tp1: ...`), apart from the data on stdout: the
 * diagnostics of piped mode, and the warnings and notices every mode shows.
 * The prefixes follow the language (`tp1 : avertissement : …` in French).
 */
import { t } from "../i18n/catalogue.ts";

/** Writes a diagnostic line to stderr. */
export type Logger = (message: string) => void;

/** A logger for piped mode: stderr only, and only when verbose. */
export function stderrLogger(verbose: boolean): Logger {
  const encoder = new TextEncoder();
  return verbose
    ? (message) => Deno.stderr.writeSync(encoder.encode(`${t().terminal.logPrefix}${message}\n`))
    : () => {};
}

/** A warning the user must see whatever the mode: always on stderr. */
export function warn(message: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`${t().terminal.warningPrefix}${message}\n`));
}

/** A message the user must see even without -v (it explains why tp1 stopped): stderr. */
export function notice(message: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`${t().terminal.logPrefix}${message}\n`));
}
