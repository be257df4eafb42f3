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

/** The width of the terminal `stream` writes to; undefined when it is a file or a pipe. */
export function terminalColumns(stream: { isTerminal(): boolean }): number | undefined {
  try {
    return stream.isTerminal() ? Deno.consoleSize().columns : undefined;
  } catch {
    return undefined;
  }
}
