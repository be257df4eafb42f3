/**
 * `tp1 serve`: the lab's server.py, done right. Interactive on a terminal
 * (a prompt, several clients at once), byte-exact like `nc -l` when piped.
 */
import { DEFAULT_PORT, formatHostPort, fromNetAddr } from "../core/host_port.ts";
import { parsePortNumber } from "../core/port_number.ts";
import { UsageError } from "../errors.ts";
import { listen } from "../net/listen.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { clientCommandLines, type ClientFacts } from "../client/client_commands.ts";
import { servePiped } from "../pipe/serve_piped.ts";
import { DEFAULT_MAX_CLIENTS } from "../room/admission.ts";
import { DEFAULT_MAX_LINE_BYTES } from "../room/chat_line_framer.ts";
import { Room } from "../room/room.ts";
import { LogConsole } from "../session/log_console.ts";
import { DEFAULT_MAX_QUEUED_BYTES } from "../session/peer_link.ts";
import { runServerSession } from "../session/server_session.ts";
import { type ChatConsole, PromptConsole } from "../terminal/prompt_console.ts";
import {
  isInteractive,
  localHostname,
  notice,
  stderrLogger,
  warn,
} from "../terminal/terminal_facts.ts";
import { ConnectionGate } from "../session/connection_gate.ts";
import { spellPasswordFlag } from "./password_option.ts";
import { serverSecurity } from "./serve_security_options.ts";
import type { ServerTls } from "../session/connection_gate.ts";
import type { Command } from "./command.ts";
import { parseOptions } from "./parse_options.ts";
import { parseSecondsToMs } from "./parse_duration.ts";

const USAGE =
  "tp1 serve [-p PORT] [--host ADDR] [--udp] [--chat] [--tls] [--allow CIDR] [--password] [options]";

/** What `tp1 serve --help` prints: what most people need, with examples. */
const HELP = `tp1 serve — wait for clients on a TCP port (the lab's server.py)

Usage: ${USAGE}

On a terminal you get a prompt: each line you type goes to every connected
client, and each line a client sends is shown with its name and address
("user2 (192.168.100.5:51234): hello"). "exit", Ctrl-D or Ctrl-C stops.
With --chat it is a chat room: the clients also see each other's lines.
With output to a file or a pipe it works like "nc -l": bytes pass unchanged.

Common options:
  -p, --port PORT     Port to listen on (default ${DEFAULT_PORT}).
      --chat          A chat room: clients see each other's lines.
      --once          Stop after the first client leaves, like server.py.
      --tls           Encrypt the connections (clients add --tls).
      --password      Clients must give a password first.
      --allow CIDR    Let in only these addresses, e.g. 192.168.100.0/24.
  -u, --udp           UDP datagrams instead of a TCP connection (like nc -u -l).

At the prompt: /who lists the clients, /to NAME text talks to one of them,
/kick NAME disconnects one, /help lists the rest.

Examples:
  tp1 serve                       chat with clients on port ${DEFAULT_PORT}
  tp1 serve -p 8000 --once        serve one client on port 8000, like server.py
  tp1 serve --chat                a chat room for the whole class
  tp1 serve > received.bin        receive a file (the client pipes it in)

Every option, the limits and the security settings: tp1 help serve`;

/** What `tp1 help serve` prints: everything. */
const DETAILS = `tp1 serve — wait for clients on a TCP port (the lab's server.py)

Usage: ${USAGE}

On a terminal, tp1 serve is a chat: it prints where it listens and the addresses
other machines can reach it at, then shows a prompt (server@HOST:PORT$). Every
line you type goes to every connected client; each line a client sends is shown
with the client's name and address ("user2 (192.168.100.5:51234): hello").
Clients do not see each other. Clients may come and go; the server keeps
running until you type "exit" (sent to the clients too, as server.py does),
press Ctrl-D or Ctrl-C. Commands at the prompt: /who (who is connected),
/to NAME text (one client only), /all text, /kick NAME [reason], /help.
Clients are named user1, user2… in order of arrival; NAME may also be an
address as /who shows it. A line starting with // sends a line starting with /.

With --chat, tp1 serve is a chat room: every line a client sends goes to all
the others as "<name> text" and is shown on your screen too; joins and leaves
are announced (to everyone while the room holds at most 200 people, on your
screen always). Any client works: tp1 connect, nc, ncat, telnet, the lab's
client.py. Clients' commands: /nick NAME, /msg NAME text (private; /msg server
reaches you), /me text, /who, /help, /quit. Yours: /who, /msg or /to, /me,
/all, /kick, /help; your plain lines go to everyone as "<server> text".
Private messages between clients are not shown to you. Lines are relayed
whole, in UTF-8 (accents and emoji intact), control characters escaped; a
line sent without a newline is relayed after a short pause.

When standard input or output is not a terminal, tp1 serve behaves like "nc -l":
no banner or prompt, the client's bytes go to standard output unchanged and
standard input's bytes go to the client unchanged. It serves one client, then
exits once that client has finished sending (-k serves the next one).
With --chat it runs the chat room instead and writes a log to standard output:
one line per event, with the time in front ("10:42:07 <alice> hello"). Lines
piped into standard input are operator lines and commands (end of input does
not stop the server, "exit" does); SIGINT (Ctrl-C) or SIGTERM (kill PID) stop
it cleanly.

With --udp (-u), tp1 serve takes UDP datagrams on the port instead: no
connection, so no "connected" line; a peer is known once its first datagram
arrives, and nothing says when it leaves. On a terminal each datagram is shown
with its sender and size ("from 192.168.100.5:51234 (8 bytes): bonjour"), escaped
as above; a line you type is one datagram to the peer heard from last; /to
ADDR:PORT text, /all text (every peer heard from in the last 10 minutes), /who,
/help. Piped, like "nc -u -l": each datagram's bytes go to standard output as
they are, and standard input goes to the peer heard from last, one datagram per
read (at most 65,507 bytes); it runs until Ctrl-C or SIGTERM. --allow and
--deny apply to each datagram; a refused source is logged once. Options about
connections (--tls, --password, --chat, --once, --idle, ...) do not apply.

Slow clients (the room, in both modes; not piped mode):
  Lines for a client that reads slowly wait for it. While more than 512 KiB
  waits for one client, the others are read more slowly, so a flood goes at
  the pace of the slowest client still reading and nobody who keeps up is
  dropped. A client that takes nothing for a second while behind, or lets
  1 MiB pile up (4 lines of --max-line, if more), has stopped reading: it is
  disconnected with a reason, and everyone else keeps receiving everything,
  in order.

Security (a lab network is shared: anyone on it can reach a server on every interface):
  With --tls the server speaks only TLS. Without --cert/--key it makes a
  certificate at start and prints its SHA-256 fingerprint: clients pin it with
  "tp1 connect --tls --fingerprint …". tp1 cert makes one to reuse across runs.
  --allow and --deny take addresses or CIDR blocks, IPv4 or IPv6, and may be
  repeated; deny wins, and with any --allow only those addresses get in. A
  refused client reads one line saying why; your screen (or stderr) logs it.
  --password makes every client send the password first (tp1 connect
  --password; nc users type it when asked); a wrong one is refused after a
  delay that doubles with each failure from the same address.

Options:
  -p, --port PORT        Port to listen on (default ${DEFAULT_PORT}).
      --host ADDR        Listen on one address only, e.g. 127.0.0.1 for this machine
                         only (default: every IPv4 and IPv6 interface).
      --chat             Chat room: clients see each other's lines (see above).
      --max-clients N    Accept at most N clients at once (default ${DEFAULT_MAX_CLIENTS}); the
                         next one is told the server is full, then disconnected.
      --max-line BYTES   Longest line taken from a client (default ${DEFAULT_MAX_LINE_BYTES}, i.e.
                         64k; k and m suffixes work, up to 1m): the rest of a
                         longer line is dropped and its sender (--chat) or you
                         are told so.
      --tls              Speak TLS (with a fresh self-signed certificate unless
                         --cert and --key are given).
      --cert FILE        Certificate (PEM) for --tls, e.g. from tp1 cert. Implies --tls.
      --key FILE         Its private key (PEM). Goes with --cert.
      --allow CIDR|ADDR  Let in only these addresses (repeatable).
      --allow-file FILE  The same, one per line (# comments).
      --deny CIDR|ADDR   Keep out these addresses, even if allowed (repeatable).
      --password[=SECRET]
                         Clients must send this password first; asked for
                         without echo when no SECRET is given.
      --password-file FILE
                         The password is the first line of FILE.
      --idle SECONDS     Disconnect a client after SECONDS without traffic.
      --once             Stop after the first client leaves (the lab's behaviour).
  -u, --udp              UDP datagrams instead of TCP connections (see above).
  -k, --keep-open        Piped mode: serve client after client instead of exiting.
      --crlf             End the lines sent to clients with CRLF instead of LF.
  -v, --verbose          Piped mode: report connections and byte counts on stderr.
  -h, --help             Show the short help (tp1 help serve shows this one).

Examples:
  tp1 serve                          chat with clients on port ${DEFAULT_PORT}
  tp1 serve -p 8000 --once           serve one client on port 8000, like server.py
  tp1 serve --chat                   a chat room for the whole class
  tp1 serve --chat --max-clients 40 > room.log &
                                     the same in the background, logged to room.log
  tp1 serve > received.bin           receive a file (the client pipes it in)
  tp1 serve < notes.txt              send a file to the first client
  tp1 serve --udp                    take UDP datagrams on port ${DEFAULT_PORT} and answer them
  tp1 serve --chat --tls --allow 192.168.100.0/24 --password
                                     a TLS room for the lab subnet only, with a password
  script -q -c "tp1 serve" transcript.txt
                                     chat on the terminal and keep a transcript

Exit status: 0 when done, 1 when the port cannot be opened (the message says
who holds it) or the connection fails, 2 for a command-line mistake.`;

/** The `serve` subcommand. */
export const serveCommand: Command = {
  name: "serve",
  usage: USAGE,
  help: HELP,
  details: DETAILS,
  async run(args) {
    const { values, positionals } = parseOptions(spellPasswordFlag(args), {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      chat: { type: "boolean" },
      "max-clients": { type: "string" },
      "max-line": { type: "string" },
      once: { type: "boolean" },
      tls: { type: "boolean" },
      cert: { type: "string" },
      key: { type: "string" },
      allow: { type: "string", multiple: true },
      "allow-file": { type: "string", multiple: true },
      deny: { type: "string", multiple: true },
      password: { type: "string" },
      "password-file": { type: "string" },
      idle: { type: "string" },
      "keep-open": { type: "boolean", short: "k" },
      crlf: { type: "boolean" },
      verbose: { type: "boolean", short: "v" },
      udp: { type: "boolean", short: "u" },
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
    if (values.udp) {
      return await (await import("../udp/udp_commands.ts")).runServeUdp(values, port, USAGE);
    }
    const maxClients = values["max-clients"] === undefined
      ? DEFAULT_MAX_CLIENTS
      : parseCount(values["max-clients"], "--max-clients", MAX_MAX_CLIENTS);
    const maxLineBytes = values["max-line"] === undefined
      ? DEFAULT_MAX_LINE_BYTES
      : parseByteSize(values["max-line"], "--max-line");
    const chat = values.chat ?? false;
    const interactive = isInteractive();
    if (!interactive && !chat) {
      const roomOnly = ["max-clients", "max-line"].find((flag) => flag in values);
      if (roomOnly) {
        throw new UsageError(
          `--${roomOnly} applies to the chat room, not to piped mode: add --chat (or run on a terminal)`,
          USAGE,
        );
      }
    }
    const idleMs = values.idle === undefined
      ? undefined
      : parseSecondsToMs(values.idle, "--idle", USAGE);
    const security = await serverSecurity(values, USAGE, warn);
    const listener = await listen(port, values.host);
    const log = stderrLogger(values.verbose ?? false);
    const clientFacts = {
      hosts: values.host === undefined ? reachableAddresses() : [values.host],
      needsPassword: security.password !== undefined,
    };
    if (security.tls && !interactive) announceTls(security.tls, port, interactive, clientFacts);
    if (!interactive && !chat) {
      if (Deno.stdin.isTerminal()) notice(pipedOutputNotice(args));
      return await servePiped(listener, {
        keepOpen: values["keep-open"] ?? false,
        log,
        gate: new ConnectionGate(security, notice),
        idleMs,
      });
    }
    const bound = fromNetAddr(listener.addr);
    const room = new Room({ mode: chat ? "chat" : "lab" });
    let operator: ChatConsole;
    if (interactive) {
      console.log(serverBanner(bound.host, bound.port, chat));
      if (security.tls) announceTls(security.tls, port, interactive, clientFacts);
      operator = new PromptConsole(`server@${localHostname()}:${bound.port}$ `);
    } else {
      // Reading a terminal from the background would stop the process: only piped input is read.
      operator = new LogConsole({
        input: Deno.stdin.isTerminal() ? undefined : Deno.stdin.readable,
      });
      operator.show(`* tp1 chat room, ${where(bound.host, bound.port)}`);
      operator.show(`* stop it with Ctrl-C or "kill ${Deno.pid}"`);
    }
    return await runServerSession(listener, room, operator, {
      once: values.once ?? false,
      lineEnding: values.crlf ? "\r\n" : "\n",
      maxClients,
      maxLineBytes,
      maxQueuedBytes: Math.max(DEFAULT_MAX_QUEUED_BYTES, 4 * maxLineBytes),
      gate: new ConnectionGate(security, (line) => operator.show(line)),
      idleMs,
    });
  },
};

/**
 * Said when a person runs `tp1 serve | tee …` or `tp1 serve > file`: the output
 * is not a terminal, so the server runs like `nc -l`, which may not be what they meant.
 */
export function pipedOutputNotice(args: readonly string[]): string {
  const command = ["tp1", "serve", ...args].map((arg) =>
    /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`
  ).join(" ");
  return `output goes to a file or a pipe, so tp1 serve runs piped, like nc -l (the client's bytes as they are, no prompt, one client); to keep a transcript of a chat instead, run: script -q -c "${command}" transcript.txt`;
}

/** The most `--max-clients` accepts: far above what one process can hold open. */
const MAX_MAX_CLIENTS = 1_000_000;

/** The bounds of `--max-line`. */
const MIN_LINE_BYTES = 64;
const MAX_LINE_BYTES = 1024 * 1024;

function parseCount(text: string, flag: string, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) {
    throw new UsageError(`${flag} takes a whole number from 1 to ${max}, got "${text}"`, USAGE);
  }
  return n;
}

function parseByteSize(text: string, flag: string): number {
  const match = /^(\d+)([kKmM]i?[bB]?)?$/.exec(text);
  const unit = match?.[2]?.[0].toLowerCase();
  const n = match ? Number(match[1]) * (unit === "k" ? 1024 : unit === "m" ? 1024 * 1024 : 1) : NaN;
  if (!(n >= MIN_LINE_BYTES && n <= MAX_LINE_BYTES)) {
    throw new UsageError(
      `${flag} takes a number of bytes from ${MIN_LINE_BYTES} to ${MAX_LINE_BYTES} (e.g. 4096, 64k, 1m), got "${text}"`,
      USAGE,
    );
  }
  return n;
}

function serverBanner(host: string, port: number, chat: boolean): string {
  return [
    chat ? "tp1 chat room" : "tp1 server",
    where(host, port),
    chat
      ? `clients see each other's lines; yours go to everyone as <server>; /help lists the commands`
      : `type a line to send it to every client; /help lists the commands`,
    `"exit", Ctrl-D or Ctrl-C stops the server`,
    "",
  ].join("\n");
}

/** `listening on port 7999, every interface (…) — reach it at 192.168.100.4:7999`. */
function where(host: string, port: number): string {
  const wildcard = host === "::" || host === "0.0.0.0";
  const listening = wildcard
    ? `listening on port ${port}, every interface (${
      host === "::" ? "0.0.0.0 and [::]" : "0.0.0.0"
    })`
    : `listening on ${formatHostPort({ host, port })}`;
  const others = wildcard ? reachableAddresses() : [host];
  const reach = others.length > 0
    ? ` — reach it at ${others.map((h) => formatHostPort({ host: h, port })).join(" or ")}`
    : "";
  return `${listening}${reach}`;
}

/** Tells the operator how clients can trust this server (always: they need it to connect). */
function announceTls(tls: ServerTls, port: number, interactive: boolean, facts: ClientFacts): void {
  const lines = clientCommandLines({ ...tls, port, ...facts });
  if (interactive) console.log(lines.join("\n") + "\n");
  else lines.forEach(notice);
}
