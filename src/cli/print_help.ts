/**
 * Prints a help text. On a terminal narrower than its lines (the lab's VMs
 * have 80 columns) they break at spaces, each option's description continuing
 * under itself, instead of the terminal cutting words in two; to a file or a
 * pipe the text is printed as written.
 */
import { wrapHelp } from "../core/word_wrap.ts";
import { terminalColumns } from "../terminal/terminal_facts.ts";

/** Prints `text` on stdout, fitted to the terminal's width when stdout is one. */
export function printHelp(text: string): void {
  const columns = terminalColumns(Deno.stdout);
  console.log(columns === undefined ? text : wrapHelp(text, columns));
}
