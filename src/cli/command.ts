/** The shape every subcommand module exports, so `main.ts` can dispatch and print help. */

/** One subcommand: its name, its help texts and how to run it (the summary lives in run_cli.ts). */
export interface Command {
  readonly name: string;
  /** The usage line shown with usage errors, e.g. `tp1 port [PORT]`. */
  readonly usage: string;
  /** The short `--help` text: what most people need, with examples. */
  readonly help: string;
  /** Everything, every option and the details: `tp1 help NAME` (the short help when absent). */
  readonly details?: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}

/** Where a command's texts come from: read again each time, in the language of the run. */
export interface CommandTexts {
  usage(): string;
  help(): string;
  details(): string;
}

/** A {@linkcode Command} whose texts are looked up in the catalogue when shown, not at import. */
export function localizedCommand(
  name: string,
  texts: CommandTexts,
  run: (args: string[]) => Promise<number>,
): Command {
  return {
    name,
    get usage() {
      return texts.usage();
    },
    get help() {
      return texts.help();
    },
    get details() {
      return texts.details();
    },
    run,
  };
}
