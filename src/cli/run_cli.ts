/**
 * The top of the command line: picks the subcommand, prints the overall help
 * and version, and turns errors into exit codes (2 usage, 1 failure).
 */
import { printHelp } from "./print_help.ts";
import { terminalColumns } from "../terminal/terminal_facts.ts";
import { VERSION, VERSION_WORDS, versionLine } from "./version.ts";
import { UsageError, UserError } from "../errors.ts";
import { wrapWords } from "../core/word_wrap.ts";
import { editDistance, unknownOption } from "./parse_options.ts";
import type { Command } from "./command.ts";
import { COMMAND_NAMES, type CommandName, topHelpText } from "./top_help.ts";
import { environmentLanguage, takeLanguageOption } from "./language_option.ts";
import { currentLanguage, loadLanguage, setLanguage, t } from "../i18n/catalogue.ts";

/** A subcommand as the top-level help knows it; its module loads only when it runs. */
export interface CommandEntry {
  readonly name: CommandName;
  readonly summary: string;
  load(): Promise<Command>;
}

/**
 * How to load each subcommand. Loading lazily keeps `tp1 --help` fast: a command
 * pulls in readline, TLS, DNS… only when it runs.
 */
const LOADERS: Record<CommandName, () => Promise<Command>> = {
  serve: async () => (await import("./serve_command.ts")).serveCommand,
  connect: async () => (await import("./connect_command.ts")).connectCommand,
  port: async () => (await import("./port_command.ts")).portCommand,
  cert: async () => (await import("./cert_command.ts")).certCommand,
};

/** Every subcommand, in the order the help lists them (top_help.ts). */
export const COMMANDS: readonly CommandEntry[] = COMMAND_NAMES.map((name) => ({
  name,
  get summary() {
    return t().help.tp1.summaries[name];
  },
  load: LOADERS[name],
}));

export { VERSION };

/** The top-level usage line, in the active language. */
const usage = () => t().help.tp1.usage;

/** What `tp1 --help` and `tp1 help` print, in the active language. */
export function topHelp(): string {
  return topHelpText(t().help.tp1);
}

/**
 * Runs tp1 with `args`; resolves to the process exit code. Never throws for user
 * errors. Chooses the language first (`--lang`, else the environment), for the
 * whole run; the one before is restored after, for in-process tests.
 */
export async function runCli(args: string[]): Promise<number> {
  const previous = currentLanguage();
  const choice = takeLanguageOption(args);
  const language = choice.language ?? environmentLanguage();
  await loadLanguage(language);
  setLanguage(language);
  try {
    if (choice.error) {
      const { value } = choice.error;
      return report(
        new UsageError(
          value === undefined ? t().common.langNeedsValue : t().common.badLang(value),
          usage(),
        ),
        usage(),
      );
    }
    return await dispatch(choice.args);
  } finally {
    setLanguage(previous);
  }
}

async function dispatch(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const entry = COMMANDS.find((c) => c.name === name);
  let command: Command | undefined;
  try {
    if (name === undefined || name === "-h" || name === "--help") {
      printHelp(topHelp());
      return 0;
    }
    if (name === "help") return await printDetails(rest);
    if (VERSION_WORDS.includes(name)) {
      console.log(versionLine());
      return 0;
    }
    if (!entry) {
      throw new UsageError(
        name.startsWith("-") ? unknownOption(name, TOP_OPTIONS) : unknownCommand(name),
        usage(),
      );
    }
    command = await entry.load();
    return await command.run(rest);
  } catch (error) {
    return report(error, command?.usage ?? usage());
  }
}

/** The options tp1 takes before a command, for "did you mean --version?" (`--versoin`). */
const TOP_OPTIONS = ["help", "version", "lang"];

/** "unknown command", with the command probably meant when one is a typo away (`conect`). */
function unknownCommand(name: string): string {
  const close = closeCommand(name);
  return close ? t().usage.unknownCommandMeant(name, close) : t().usage.unknownCommand(name);
}

/** The command `name` is a typo of, if any. */
function closeCommand(name: string): string | undefined {
  return COMMANDS.find((c) => editDistance(c.name, name.toLowerCase()) <= 2)?.name;
}

/** `tp1 help [COMMAND]`: everything about a command, or the overall help. */
async function printDetails(args: readonly string[]): Promise<number> {
  const [topic, extra] = args.filter((arg) => arg !== "--all");
  if (topic === undefined) {
    printHelp(topHelp());
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === topic);
  if (!entry || extra !== undefined) {
    const close = closeCommand(topic);
    throw new UsageError(
      extra !== undefined
        ? t().usage.helpTakesOne(topic, extra)
        : close
        ? t().usage.noCommandMeant(topic, close)
        : t().usage.noCommand(topic, COMMANDS.map((c) => c.name).join(", ")),
      "tp1 help [serve|connect|port|cert]",
    );
  }
  const command = await entry.load();
  printHelp(command.details ?? command.help);
  return 0;
}

function report(error: unknown, usage: string): number {
  if (!(error instanceof UserError) && !(error instanceof UsageError)) throw error;
  console.error(errorText(error, usage, terminalColumns(Deno.stderr)));
  return error instanceof UsageError ? 2 : 1;
}

/**
 * What tp1 prints for a user's error: `erreur : …`, and for a usage error the
 * usage line. On a terminal (`columns` given) lines break at spaces to fit it,
 * instead of the terminal cutting words in two.
 */
export function errorText(error: UserError | UsageError, usage: string, columns?: number): string {
  const m = t().common;
  const lines = [`${m.errorPrefix}${error.message}`];
  if (error instanceof UsageError) lines.push(`${m.usagePrefix}${error.usage || usage}`);
  if (columns === undefined) return lines.join("\n");
  const [first, second] = lines;
  const wrapped = [wrapWords(first, columns)];
  if (second !== undefined) wrapped.push(wrapWords(second, columns, m.usagePrefix.length));
  return wrapped.join("\n");
}
