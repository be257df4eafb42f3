/**
 * `tp1 serve`: the lab's server.py, done right. Interactive on a terminal
 * (a prompt, several clients at once), byte-exact like `nc -l` when piped.
 */
import { DEFAULT_PORT, formatHostPort, fromNetAddr } from "../core/host_port.ts";
import { parsePortNumber } from "../core/port_number.ts";
import { UsageError } from "../errors.ts";
import { listen } from "../net/listen.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { servePiped } from "../pipe/serve_piped.ts";
import { Room } from "../room/room.ts";
import { runServerSession } from "../session/server_session.ts";
import { PromptConsole } from "../terminal/prompt_console.ts";
import { isInteractive, localHostname, stderrLogger } from "../terminal/terminal_facts.ts";
import type { Command } from "./command.ts";
import { parseOptions } from "./parse_options.ts";

const USAGE = "tp1 serve [-p PORT] [--host ADDR] [--once] [-k] [-v] [--crlf]";

const HELP = `tp1 serve — wait for clients on a TCP port (the lab's server.py)

Usage: ${USAGE}

On a terminal, tp1 serve is a chat: it prints where it listens and the addresses
other machines can reach it at, then shows a prompt (server@HOST:PORT$). Every
line you type goes to every connected client; each line a client sends is shown
with its address ("from 192.168.100.5:51234: hello"). Clients may come and go;
the server keeps running until you type "exit", press Ctrl-D or Ctrl-C.

When standard input or output is not a terminal, tp1 serve behaves like "nc -l":
no banner or prompt, the client's bytes go to standard output unchanged and
standard input's bytes go to the client unchanged. It serves one client, then
exits once that client has finished sending (-k serves the next one).

Options:
  -p, --port PORT    Port to listen on (default ${DEFAULT_PORT}).
      --host ADDR    Listen on one address only, e.g. 127.0.0.1 for this machine
                     only (default: every IPv4 and IPv6 interface).
      --once         Stop after the first client leaves (the lab's behaviour).
  -k, --keep-open    Piped mode: serve client after client instead of exiting.
      --crlf         End the lines you type with CRLF instead of LF.
  -v, --verbose      Piped mode: report connections and byte counts on stderr.
  -h, --help         Show this help.

Examples:
  tp1 serve                      chat with clients on port 7999
  tp1 serve -p 8000 --once       serve one client on port 8000, like server.py
  tp1 serve > received.bin       receive a file (the client pipes it in)
  tp1 serve < notes.txt          send a file to the first client

Exit status: 0 when done, 1 when the port cannot be opened (the message says
who holds it) or the connection fails, 2 for a command-line mistake.`;

/** The `serve` subcommand. */
export const serveCommand: Command = {
  name: "serve",
  summary: "wait for clients on a port (chat on a terminal, like nc -l when piped)",
  usage: USAGE,
  help: HELP,
  async run(args) {
    const { values, positionals } = parseOptions(args, {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      once: { type: "boolean" },
      "keep-open": { type: "boolean", short: "k" },
      crlf: { type: "boolean" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    }, USAGE);
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals.length > 0) {
      throw new UsageError(
        `unexpected argument "${positionals[0]}" (use -p PORT to choose the port)`,
        USAGE,
      );
    }
    if (values.once && values["keep-open"]) {
      throw new UsageError("--once and --keep-open contradict each other; choose one", USAGE);
    }
    const port = values.port === undefined ? DEFAULT_PORT : parsePortNumber(values.port);
    const listener = await listen(port, values.host);
    const log = stderrLogger(values.verbose ?? false);
    if (!isInteractive()) {
      return await servePiped(listener, { keepOpen: values["keep-open"] ?? false, log });
    }
    const bound = fromNetAddr(listener.addr);
    console.log(serverBanner(bound.host, bound.port));
    const prompt = `server@${localHostname()}:${bound.port}$ `;
    return await runServerSession(listener, new Room(), new PromptConsole(prompt), {
      once: values.once ?? false,
      lineEnding: values.crlf ? "\r\n" : "\n",
    });
  },
};

function serverBanner(host: string, port: number): string {
  const wildcard = host === "::" || host === "0.0.0.0";
  const where = wildcard
    ? `listening on port ${port}, every interface (${
      host === "::" ? "0.0.0.0 and [::]" : "0.0.0.0"
    })`
    : `listening on ${formatHostPort({ host, port })}`;
  const others = wildcard ? reachableAddresses() : [host];
  const reach = others.length > 0
    ? ` — reach it at ${others.map((h) => formatHostPort({ host: h, port })).join(" or ")}`
    : "";
  return [
    "tp1 server",
    `${where}${reach}`,
    `type a line to send it to every client; "exit", Ctrl-D or Ctrl-C stops the server`,
    "",
  ].join("\n");
}
