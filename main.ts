/**
 * tp1 — a TCP chat and pipe tool for two-machine networking labs.
 * This file only parses the subcommand, dispatches, and maps errors to exit codes.
 */
import { runCli } from "./src/cli/run_cli.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args));
}
