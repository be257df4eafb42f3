/**
 * The top-level help (`tp1`, `tp1 --help`, `tp1 help`): the command list and its text. It
 * needs one section of the catalogue (`help_tp1.ts`), so main.ts answers a lone request for
 * it from that section alone, as it answers `--version` with no catalogue: loading the whole
 * catalogue (21 modules) was most of what `tp1 --help` cost above Deno's floor (start-up).
 */
import { VERSION } from "./version.ts";
import { takeLanguageOption } from "./language_option.ts";
import type { Language } from "../i18n/language.ts";
import type { helpTp1En } from "../i18n/en/help_tp1.ts";

/** The subcommands, in the order the help lists them (run_cli.ts loads each one). */
export const COMMAND_NAMES = ["serve", "connect", "port", "cert"] as const;

/** A subcommand's name. */
export type CommandName = typeof COMMAND_NAMES[number];

/** The catalogue's section with the top-level help, in some language. */
export type TopHelpSection = typeof helpTp1En;

/** The arguments that ask for the top-level help and nothing else (besides `--lang`). */
const ALONE = [[], ["-h"], ["--help"], ["help"]];

/** What the top-level help says, from `section` (the active language's). Pure. */
export function topHelpText(section: TopHelpSection): string {
  const commands = COMMAND_NAMES.map((name) => `  ${name.padEnd(9)}${section.summaries[name]}`)
    .join("\n");
  return section.short({ VERSION, USAGE: section.usage, commands });
}

/** Whether `args` ask for the top-level help alone (an unknown `--lang` does not). Pure. */
export function asksForTopHelpAlone(args: readonly string[]): boolean {
  const choice = takeLanguageOption(args);
  return choice.error === undefined &&
    ALONE.some((alone) =>
      alone.length === choice.args.length && alone.every((arg, i) => arg === choice.args[i])
    );
}

/** The top-level help section of `language`, imported alone (French spaced as the catalogue is). */
async function loadSection(language: Language): Promise<TopHelpSection> {
  if (language === "en") return (await import("../i18n/en/help_tp1.ts")).helpTp1En;
  const [{ helpTp1Fr }, { withFrenchSpacing }] = await Promise.all([
    import("../i18n/fr/help_tp1.ts"),
    import("../i18n/french_spacing.ts"),
  ]);
  return withFrenchSpacing(helpTp1Fr);
}

/** Prints the top-level help in `language`, as `tp1 --help` does through run_cli.ts. */
export async function printTopHelp(language: Language): Promise<void> {
  const [section, { printHelp }] = await Promise.all([
    loadSection(language),
    import("./print_help.ts"),
  ]);
  printHelp(topHelpText(section));
}
