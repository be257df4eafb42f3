/** English: the top-level help (`tp1 --help`) and each command's one-line summary. */

/** What the top-level help shows: the version, the usage line, the command list. */
export interface Tp1HelpValues {
  readonly VERSION: string;
  readonly USAGE: string;
  /** One line per command: its name and its summary. */
  readonly commands: string;
}

/** The top-level help. */
export const helpTp1En = {
  /** `tp1 --help`, `tp1 help`. */
  short: ({ VERSION, USAGE, commands }: Tp1HelpValues): string =>
    `tp1 ${VERSION} — TCP (and UDP) for networking labs: chat, pipe files, check ports

Usage: ${USAGE}

Commands:
${commands}

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
      --lang fr|en Messages in French or English, with any command (default:
                   from LC_ALL, LC_MESSAGES or LANG; LANG=fr_FR.UTF-8 is French).

Exit status: 0 success, 1 network or runtime failure, 2 command-line mistake.`,
  /** The usage line shown with a usage error before any command is known. */
  usage: "tp1 <serve|connect|port|cert> [options]   (tp1 <command> --help for details)",
  /** Each command's line in the list. */
  summaries: {
    serve: "wait for clients on a port (chat on a terminal, like nc -l when piped)",
    connect: "connect to a server (chat on a terminal, like nc when piped)",
    port: "say whether a TCP or UDP port is free, or which process holds it",
    cert: "write a TLS certificate and key for serve --tls, to reuse",
  },
};
