/**
 * tp1 — a TCP chat and pipe tool for two-machine networking labs.
 * This file only names the run's language, loads the command line and maps its result to
 * the exit code. The language comes first, so that only its catalogue is read (start-up).
 */
import { languageOfRun } from "./src/cli/language_option.ts";
import { startIn } from "./src/i18n/start_language.ts";

if (import.meta.main) {
  startIn(languageOfRun(Deno.args));
  const { runCli } = await import("./src/cli/run_cli.ts");
  Deno.exit(await runCli(Deno.args));
}
