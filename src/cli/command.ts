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
