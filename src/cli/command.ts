/** The shape every subcommand module exports, so `main.ts` can dispatch and print help. */

/** One subcommand: its name, its full help text and how to run it (the summary lives in run_cli.ts). */
export interface Command {
  readonly name: string;
  /** The usage line shown with usage errors, e.g. `tp1 port [PORT]`. */
  readonly usage: string;
  /** The whole `--help` text. */
  readonly help: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  run(args: string[]): Promise<number>;
}
