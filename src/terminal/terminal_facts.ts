/** Facts about the process's surroundings that decide how tp1 presents itself. */

/** Interactive mode needs a person on both ends: stdin and stdout are terminals. */
export function isInteractive(): boolean {
  return Deno.stdin.isTerminal() && Deno.stdout.isTerminal();
}

/** This machine's name, for the lab-style prompt (`client@vm2:7999$`). */
export function localHostname(): string {
  try {
    return Deno.hostname().split(".")[0];
  } catch {
    return "localhost";
  }
}

/** Writes a diagnostic line to stderr. */
export type Logger = (message: string) => void;

/** A logger for piped mode: stderr only, and only when verbose. */
export function stderrLogger(verbose: boolean): Logger {
  const encoder = new TextEncoder();
  return verbose
    ? (message) => Deno.stderr.writeSync(encoder.encode(`tp1: ${message}\n`))
    : () => {};
}

/** A warning the user must see whatever the mode: always on stderr. */
export function warn(message: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`tp1: warning: ${message}\n`));
}

/** A message the user must see even without -v (it explains why tp1 stopped): stderr. */
export function notice(message: string): void {
  Deno.stderr.writeSync(new TextEncoder().encode(`tp1: ${message}\n`));
}
