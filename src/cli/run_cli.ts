/**
 * The top of the command line: picks the subcommand, prints the overall help
 * and version, and turns errors into exit codes (2 usage, 1 failure).
 */
import denoConfig from "../../deno.json" with { type: "json" };
import { UsageError, UserError } from "../errors.ts";
import type { Command } from "./command.ts";

/** A subcommand as the top-level help knows it; its module loads only when it runs. */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

/**
 * Every subcommand, in the order the help lists them. Loading lazily keeps
 * `tp1 --help` fast: a command pulls in readline, TLS, DNS… only when it runs.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "serve",
    summary: "wait for clients on a port (chat on a terminal, like nc -l when piped)",
    load: async () => (await import("./serve_command.ts")).serveCommand,
  },
  {
    name: "connect",
    summary: "connect to a server (chat on a terminal, like nc when piped)",
    load: async () => (await import("./connect_command.ts")).connectCommand,
  },
  {
    name: "port",
    summary: "say whether a TCP or UDP port is free, or which process holds it",
    load: async () => (await import("./port_command.ts")).portCommand,
  },
  {
    name: "cert",
    summary: "write a TLS certificate and key for serve --tls, to reuse",
    load: async () => (await import("./cert_command.ts")).certCommand,
  },
];

/** tp1's version, from deno.json. */
export const VERSION: string = denoConfig.version;

const USAGE = "tp1 <serve|connect|port|cert> [options]   (tp1 <command> --help for details)";

/** What `tp1 --help` and `tp1 help` print. */
export const HELP =
  `tp1 ${VERSION} — TCP (and UDP) for networking labs: chat, pipe files, check ports

Usage: ${USAGE}

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(9)}${c.summary}`).join("\n")}

Quick start (two machines, VM1 at 192.168.100.4):
  VM1$ tp1 serve                      listen on port 7999, chat with clients
  VM2$ tp1 connect 192.168.100.4      connect and chat
  VM1$ tp1 port 7999                  is the port free? who holds it?

Piped, tp1 moves bytes unchanged, like nc:
  VM1$ tp1 serve > copy.iso
  VM2$ tp1 connect 192.168.100.4 < disk.iso

Help on a command: tp1 <command> --help (short, with examples), then
tp1 help <command> (every option and the details).

Options:
  -h, --help       Show this help.
  -V, --version    Print the version.

Exit status: 0 success, 1 network or runtime failure, 2 command-line mistake.`;

/** Runs tp1 with `args`; resolves to the process exit code. Never throws for user errors. */
export async function runCli(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  const entry = COMMANDS.find((c) => c.name === name);
  let command: Command | undefined;
  try {
    if (name === undefined || name === "-h" || name === "--help") {
      console.log(HELP);
      return 0;
    }
    if (name === "help") return await printDetails(rest);
    if (name === "-V" || name === "--version" || name === "version") {
      console.log(`tp1 ${VERSION}`);
      return 0;
    }
    if (!entry) {
      throw new UsageError(
        name.startsWith("-") ? `unknown option "${name}"` : `unknown command "${name}"`,
        USAGE,
      );
    }
    command = await entry.load();
    return await command.run(rest);
  } catch (error) {
    return report(error, command?.usage ?? USAGE);
  }
}

/** `tp1 help [COMMAND]`: everything about a command, or the overall help. */
async function printDetails(args: readonly string[]): Promise<number> {
  const [topic, extra] = args.filter((arg) => arg !== "--all");
  if (topic === undefined) {
    console.log(HELP);
    return 0;
  }
  const entry = COMMANDS.find((c) => c.name === topic);
  if (!entry || extra !== undefined) {
    throw new UsageError(
      extra !== undefined
        ? `tp1 help takes one command, got "${topic}" and "${extra}"`
        : `no command "${topic}"; the commands are ${COMMANDS.map((c) => c.name).join(", ")}`,
      "tp1 help [serve|connect|port|cert]",
    );
  }
  const command = await entry.load();
  console.log(command.details ?? command.help);
  return 0;
}

function report(error: unknown, usage: string): number {
  if (error instanceof UsageError) {
    console.error(`error: ${error.message}`);
    console.error(`usage: ${error.usage || usage}`);
    return 2;
  }
  if (error instanceof UserError) {
    console.error(`error: ${error.message}`);
    return 1;
  }
  throw error;
}
