/**
 * `tp1 connect HOST [PORT]`: the lab's client.py, done right. Interactive on a
 * terminal, byte-exact like `nc` (with half-close at end of input) when piped.
 */
import { DEFAULT_PORT, formatHostPort, fromNetAddr, parseHostPort } from "../core/host_port.ts";
import { UsageError } from "../errors.ts";
import { dial } from "../net/dial.ts";
import { InputPump } from "../pipe/input_pump.ts";
import { pipeConnection } from "../pipe/pipe_connection.ts";
import { runClientSession } from "../session/client_session.ts";
import { PeerLink } from "../session/peer_link.ts";
import { PromptConsole } from "../terminal/prompt_console.ts";
import { isInteractive, localHostname, stderrLogger } from "../terminal/terminal_facts.ts";
import type { Command } from "./command.ts";
import { parseOptions } from "./parse_options.ts";

const USAGE = "tp1 connect HOST [PORT] [-p PORT] [--timeout SECONDS] [-v] [--crlf]";
const DEFAULT_TIMEOUT_S = 10;

const HELP = `tp1 connect — connect to a tp1 server (or any TCP server): the lab's client.py

Usage: ${USAGE}

HOST is a name (vm1, localhost), an IPv4 address (192.168.100.4) or an IPv6
address (::1). HOST:PORT and [IPV6]:PORT work too. PORT defaults to ${DEFAULT_PORT}.
When a name has several addresses, each is tried in turn.

On a terminal, tp1 connect is a chat: a prompt (client@HOST:PORT$), every line
you type is sent to the server, and what the server sends is shown above the
prompt as "from server: ..." while you type. Control characters and escape
sequences from the server are shown escaped, never obeyed. Type "exit", press
Ctrl-D or Ctrl-C to leave; lines already typed are still delivered.

When standard input or output is not a terminal, tp1 connect behaves like
"nc -N": stdin's bytes go to the server unchanged, the server's bytes go to
stdout unchanged; at the end of stdin the sending half is shut down and tp1
keeps reading until the server closes, so no late reply is lost.

Options:
  -p, --port PORT          Port to connect to (default ${DEFAULT_PORT}).
      --timeout SECONDS    Give up connecting after this long (default ${DEFAULT_TIMEOUT_S}).
      --crlf               End the lines you type with CRLF instead of LF.
  -v, --verbose            Piped mode: report the connection and byte counts on stderr.
  -h, --help               Show this help.

Examples:
  tp1 connect 192.168.100.4            chat with the server on VM1, port ${DEFAULT_PORT}
  tp1 connect vm1:8000                 another port
  tp1 connect 192.168.100.4 < file     send a file (tp1 serve > file on VM1)
  echo "GET / HTTP/1.0" | tp1 connect example.lan 80

Exit status: 0 when the session ends normally, 1 when the connection fails
(refused, unknown host, timeout, reset), 2 for a command-line mistake.`;

/** The `connect` subcommand. */
export const connectCommand: Command = {
  name: "connect",
  summary: "connect to a server (chat on a terminal, like nc when piped)",
  usage: USAGE,
  help: HELP,
  async run(args) {
    const { values, positionals } = parseOptions(args, {
      port: { type: "string", short: "p" },
      timeout: { type: "string" },
      crlf: { type: "boolean" },
      verbose: { type: "boolean", short: "v" },
      help: { type: "boolean", short: "h" },
    }, USAGE);
    if (values.help) {
      console.log(HELP);
      return 0;
    }
    if (positionals.length === 0) {
      throw new UsageError(
        "which host? give the server's address, e.g. tp1 connect 192.168.100.4",
        USAGE,
      );
    }
    if (positionals.length > 2) {
      throw new UsageError(`unexpected argument "${positionals[2]}"`, USAGE);
    }
    if (positionals[1] !== undefined && values.port !== undefined) {
      throw new UsageError("give the port once: either as PORT or with -p", USAGE);
    }
    const target = parseHostPort(positionals[0], positionals[1] ?? values.port);
    const timeoutMs = parseSeconds(values.timeout ?? String(DEFAULT_TIMEOUT_S), "--timeout") * 1000;
    const log = stderrLogger(values.verbose ?? false);

    log(`connecting to ${formatHostPort(target)}`);
    const conn = await dial(target, { timeoutMs });
    if (!isInteractive()) {
      log(`connected to ${formatHostPort(fromNetAddr(conn.remoteAddr))}`);
      try {
        conn.setKeepAlive(true);
        const ends = {
          input: new InputPump(Deno.stdin),
          output: Deno.stdout,
          inputIsTerminal: Deno.stdin.isTerminal(),
        };
        const { received, sent } = await pipeConnection(conn, ends);
        log(`done: sent ${sent} bytes, received ${received} bytes`);
        return 0;
      } finally {
        try {
          conn.close();
        } catch {
          // Already closed.
        }
      }
    }
    const local = formatHostPort(fromNetAddr(conn.localAddr));
    console.log(
      `tp1 client — connected to ${formatHostPort(fromNetAddr(conn.remoteAddr))} from ${local}\n` +
        `type a line to send it; "exit", Ctrl-D or Ctrl-C leaves\n`,
    );
    const prompt = `client@${localHostname()}:${target.port}$ `;
    return await runClientSession(new PeerLink(conn), new PromptConsole(prompt), {
      lineEnding: values.crlf ? "\r\n" : "\n",
    });
  },
};

function parseSeconds(text: string, flag: string): number {
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds > 0)) {
    throw new UsageError(`${flag} takes a number of seconds above 0, got "${text}"`, USAGE);
  }
  return seconds;
}
