/**
 * tp1 — a TCP chat and pipe tool for two-machine networking labs.
 * This file only names the run's language, loads the command line and maps its result to
 * the exit code. The language comes first, so that only its catalogue is read; a lone
 * `--version` needs no catalogue and no command line at all, a lone `--help` only the
 * catalogue's section with it (start-up).
 */
import { languageOfRun } from "./src/cli/language_option.ts";
import { VERSION_WORDS, versionLine } from "./src/cli/version.ts";
import { startIn } from "./src/i18n/start_language.ts";
import { asksForTopHelpAlone, printTopHelp } from "./src/cli/top_help.ts";
import { startHeadStart } from "./src/client/head_start.ts";

if (import.meta.main) {
  if (Deno.args.length === 1 && VERSION_WORDS.includes(Deno.args[0])) {
    console.log(versionLine());
    Deno.exit(0);
  }
  const language = languageOfRun(Deno.args);
  if (asksForTopHelpAlone(Deno.args)) {
    await printTopHelp(language);
    Deno.exit(0);
  }
  // A plain piped `tp1 connect ADDRESS [PORT]` sends its first bytes before tp1 loads.
  await startHeadStart(Deno.args);
  startIn(language);
  const { runCli } = await import("./src/cli/run_cli.ts");
  Deno.exit(await runCli(Deno.args));
}
