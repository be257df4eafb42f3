/**
 * `tp1 serve`: the lab's server.py, done right. Interactive on a terminal
 * (a prompt, several clients at once), byte-exact like `nc -l` when piped.
 */
import { DEFAULT_PORT, formatHostPort, fromNetAddr } from "../core/host_port.ts";
import { parsePortNumber } from "../core/port_number.ts";
import { leadingZeroProblem } from "../core/ip_address.ts";
import { UsageError } from "../errors.ts";
import { listen } from "../net/listen.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { clientCommandLines, type ClientFacts } from "../client/client_commands.ts";
import { servePiped } from "../server/serve_piped.ts";
import { DEFAULT_MAX_WAITING } from "../server/admitted_clients.ts";
import { DEFAULT_MAX_CLIENTS } from "../room/admission.ts";
import { DEFAULT_MAX_LINE_BYTES } from "../room/chat_line_framer.ts";
import { Room } from "../room/room.ts";
import { LogConsole } from "../terminal/log_console.ts";
import { DEFAULT_MAX_QUEUED_BYTES } from "../streams/peer_link.ts";
import { runServerSession } from "../server/server_session.ts";
import { type ChatConsole, PromptConsole } from "../terminal/prompt_console.ts";
import { isInteractive, localHostname } from "../terminal/terminal_facts.ts";
import { notice, stderrLogger, warn } from "../terminal/stderr_log.ts";
import { ConnectionGate } from "../gate/connection_gate.ts";
import { spellPasswordFlag } from "./password_option.ts";
import { serverSecurity, type ServeSecurityFlags } from "./serve_security_options.ts";
import type { ServerTls } from "../gate/connection_gate.ts";
import type { Command } from "./command.ts";
import { parseOptions } from "./parse_options.ts";
import { parseSecondsToMs } from "../core/parse_duration.ts";
import { addressOf, closedEvent, openRecording } from "../record/session_recording.ts";
import { recordingConsole } from "../record/recording_console.ts";
import { type ConnStory, observeAdmitted, observeListener } from "../record/observed_conn.ts";
import { describeClose } from "../record/close_summary.ts";
import { VERSION } from "./version.ts";

const USAGE =
  "tp1 serve [-p PORT] [--host ADDR] [--chat] [--tls] [--allow CIDR] [--password] [options]";

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
      --record FILE   Write the session down in FILE, for the lab report.

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
exits 0 (-k serves the next one instead, with the rest of standard input).
A client is done once it has finished sending (closed its side) and: a file
on standard input has been sent to its end, or a pipe or terminal on standard
input has nothing waiting and nothing arrives on it for half a second (what is
written later goes to the next client).
With -k at most --max-waiting clients wait their turn; more are told to retry.
With --chat it runs the chat room instead and writes a log to standard output:
one line per event, with the time in front ("10:42:07 <alice> hello"). Lines
piped into standard input are operator lines and commands (end of input does
not stop the server, "exit" does); SIGINT (Ctrl-C) or SIGTERM (kill PID) stop
it cleanly.

Slow clients (the room, in both modes; not piped mode):
  Lines for a client that reads slowly wait for it. While more than 512 KiB
  waits for one client, the others are read more slowly, so a flood goes at
  the pace of the slowest client still reading and nobody who keeps up is
  dropped. A client that takes nothing for a second while behind, or lets
  1 MiB pile up (4 lines of --max-line, if more), has stopped reading: it is
  disconnected with a reason, and everyone else keeps receiving everything,
  in order.
  Your own screen never holds the room up either: if your terminal stops
  being read (a stalled SSH session), the room goes on, and once it reads
  again you are told how many lines it missed. Out of file descriptors
  (ulimit -n), the server says so once, keeps serving, and says when it
  accepts connections again.

Security (a lab network is shared: anyone on it can reach a server on every interface):
  With --tls the server speaks only TLS. Without --cert/--key it makes a
  certificate at start and prints its SHA-256 fingerprint: clients pin it with
  "tp1 connect --tls --fingerprint …". tp1 cert makes one to reuse across runs.
  Without --tls, a client that starts a TLS handshake reads one line saying
  to connect without --tls, and is logged as refused (so a newcomer is let in
  at its first bytes, or after 0.5 s of silence). Piped, bytes are data: a
  handshake goes to standard output as it is, as with nc -l.
  --allow and --deny take addresses or CIDR blocks, IPv4 or IPv6 (mapped
  blocks too: ::ffff:0:0/96), and may be repeated; deny wins, and with any
  --allow only those addresses get in. A refused client reads one line saying
  why; your screen (or stderr) logs it.
  --password makes every client send the password first (tp1 connect
  --password; nc users type it when asked, a trailing CR is ignored). Right
  and wrong are answered at once; an address that gave 5 wrong answers may try
  once per 12 s (right answers cost nothing), with 3 prompts open at most, and
  is told when to come back instead of being asked.

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
                         --cert is given).
      --cert FILE        Certificate (PEM) for --tls, e.g. from tp1 cert; the file
                         may hold its private key too. Implies --tls.
      --key FILE         Its private key (PEM), unless the --cert file holds it.
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
  -k, --keep-open        Piped mode: serve client after client instead of exiting.
      --max-waiting N    Piped mode: at most N clients wait their turn (default
                         ${DEFAULT_MAX_WAITING}); the next one is told the server is busy.
      --crlf             End the lines sent to clients with CRLF instead of LF.
      --record FILE      Keep a transcript of the session in FILE (terminal or
                         --chat): Markdown, or plain text when FILE ends in .txt.
                         See "Transcripts" below.
  -v, --verbose          Report each connection (both addresses) and, when it
                         closes, the bytes each way, how long it lasted and which
                         side closed first; piped, on stderr.
  -h, --help             Show the short help (tp1 help serve shows this one).

Examples:
  tp1 serve                          chat with clients on port ${DEFAULT_PORT}
  tp1 serve -p 8000 --once           serve one client on port 8000, like server.py
  tp1 serve --chat                   a chat room for the whole class
  tp1 serve --chat --max-clients 40 > room.log &
                                     the same in the background, logged to room.log
  tp1 serve > received.bin           receive a file (the client pipes it in)
  tp1 serve < notes.txt              send a file to the first client
  tp1 serve --chat --tls --allow 192.168.100.0/24 --password
                                     a TLS room for the lab subnet only, with a password
  tp1 serve --record session.md      chat on the terminal and keep a transcript

Transcripts (--record FILE):
  Every event goes into FILE as it happens, to the millisecond: listening,
  each connection with both addresses, each line with who said it, joins,
  leaves and name changes, who closed and how, the byte counts. The file
  starts with the date, the command (a password given on it shows as …; no
  password or key is ever written) and tp1's version; the conversation is a
  fenced block followed by a table of the TCP phases, ready to paste under a
  heading of a lab report. Lines are written at once, so a killed tp1 loses
  nothing. A new FILE is readable by you only; an existing one is appended to.

Exit status: 0 when done, 1 when the port cannot be opened (the message says
who holds it) or the connection fails, 2 for a command-line mistake.`;

/** The `serve` subcommand. */
export const serveCommand: Command = {
  name: "serve",
  usage: USAGE,
  help: HELP,
  details: DETAILS,
  run: async (args) => await runServePlan(parseServeCommand(args, isInteractive())),
};

/** What `tp1 serve` was asked to do, as read from its arguments. */
export type ServePlan = { readonly help: true } | ServeRunPlan;

/** A server to run: every option checked, files and passwords still to be read. */
export interface ServeRunPlan {
  readonly help: false;
  /** The arguments as typed, for the notice a piped output gets. */
  readonly args: readonly string[];
  readonly port: number;
  readonly host: string | undefined;
  readonly chat: boolean;
  /** A person on both ends (stdin and stdout are terminals): a prompt, not piped mode. */
  readonly interactive: boolean;
  readonly once: boolean;
  readonly keepOpen: boolean;
  readonly crlf: boolean;
  readonly verbose: boolean;
  readonly maxClients: number;
  readonly maxLineBytes: number;
  readonly idleMs: number | undefined;
  /** Piped mode with -k: at most this many clients wait their turn (`--max-waiting`). */
  readonly maxWaiting: number;
  /** `--record FILE`: where to write the session down (a terminal session or a chat room). */
  readonly record: string | undefined;
  /** `--tls`, `--cert`, `--allow`…, `--password`: read (files, prompt) when the plan runs. */
  readonly security: ServeSecurityFlags;
}

/**
 * The arguments of `tp1 serve` as a plan; throws a UsageError. Pure: whether
 * the terminals make it `interactive` is given, not looked up.
 */
export function parseServeCommand(args: string[], interactive: boolean): ServePlan {
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
    "max-waiting": { type: "string" },
    crlf: { type: "boolean" },
    verbose: { type: "boolean", short: "v" },
    record: { type: "string" },
    help: { type: "boolean", short: "h" },
  }, USAGE);
  if (values.help) return { help: true };
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
  const ambiguousHost = values.host === undefined ? undefined : leadingZeroProblem(values.host);
  if (ambiguousHost !== undefined) throw new UsageError(ambiguousHost, USAGE);
  const maxClients = values["max-clients"] === undefined
    ? DEFAULT_MAX_CLIENTS
    : parseCount(values["max-clients"], "--max-clients", MAX_MAX_CLIENTS);
  const maxLineBytes = values["max-line"] === undefined
    ? DEFAULT_MAX_LINE_BYTES
    : parseByteSize(values["max-line"], "--max-line");
  const chat = values.chat ?? false;
  if (!interactive && !chat) {
    const roomOnly = ["max-clients", "max-line"].find((flag) => flag in values);
    if (roomOnly) {
      throw new UsageError(
        `--${roomOnly} applies to the chat room, not to piped mode: add --chat (or run on a terminal)`,
        USAGE,
      );
    }
  } else if (values["max-waiting"] !== undefined) {
    throw new UsageError(
      "--max-waiting applies to piped mode (-k), not to the chat room: use --max-clients",
      USAGE,
    );
  }
  const maxWaiting = values["max-waiting"] === undefined
    ? DEFAULT_MAX_WAITING
    : parseCount(values["max-waiting"], "--max-waiting", MAX_MAX_CLIENTS);
  const idleMs = values.idle === undefined
    ? undefined
    : parseSecondsToMs(values.idle, "--idle", USAGE);
  if (values.record !== undefined && !interactive && !chat) {
    throw new UsageError(
      "--record writes down a chat: run on a terminal or add --chat (piped, tp1 serve > FILE keeps the bytes)",
      USAGE,
    );
  }
  return {
    help: false,
    args,
    port,
    host: values.host,
    chat,
    interactive,
    once: values.once ?? false,
    keepOpen: values["keep-open"] ?? false,
    crlf: values.crlf ?? false,
    verbose: values.verbose ?? false,
    maxClients,
    maxLineBytes,
    idleMs,
    maxWaiting,
    record: values.record,
    security: values,
  };
}

/** Carries a {@linkcode ServePlan} out: listens, then serves piped or interactively. */
export async function runServePlan(plan: ServePlan): Promise<number> {
  if (plan.help) {
    console.log(HELP);
    return 0;
  }
  const { port, chat, interactive, idleMs, maxLineBytes } = plan;
  const security = await serverSecurity(plan.security, USAGE, warn);
  const recording = plan.record === undefined
    ? undefined
    : openRecording(plan.record, "tp1 serve", plan.args, warn);
  const listener = await listen(port, plan.host).catch((error) => {
    recording?.recorder.end();
    throw error;
  });
  const log = stderrLogger(plan.verbose);
  const clientFacts = {
    hosts: plan.host === undefined ? reachableAddresses() : [plan.host],
    needsPassword: security.password !== undefined,
  };
  if (security.tls && !interactive) announceTls(security.tls, port, interactive, clientFacts);
  if (!interactive && !chat) {
    if (Deno.stdin.isTerminal()) notice(pipedOutputNotice(plan.args));
    return await servePiped(listener, {
      keepOpen: plan.keepOpen,
      log,
      gate: new ConnectionGate(security, notice),
      idleMs,
      maxWaiting: plan.maxWaiting,
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
  const screen = operator;
  const recorder = recording?.recorder;
  if (recording) {
    const everywhere = bound.host === "::" || bound.host === "0.0.0.0";
    const local = `${formatHostPort(bound)}${everywhere ? " (every interface)" : ""}`;
    recording.recorder.begin({
      title: chat ? "tp1 serve --chat" : "tp1 serve",
      command: recording.command,
      version: VERSION,
      local,
      peer: "one per connection, below",
    });
    recording.recorder.record({ type: "listening", address: local });
    operator = recordingConsole(operator, recording.recorder, "server (you)");
  }
  const verbose = plan.verbose;
  // -v lines go to the screen only: the transcript has the same facts as events.
  const observing = recording !== undefined || verbose;
  const observed = observing
    ? observeListener(listener, (conn) => {
      const [local, peer] = [addressOf(conn.localAddr), addressOf(conn.remoteAddr)];
      recorder?.record({ type: "connected", role: "server", local, peer });
      if (verbose) screen.show(`* accepted ${peer} on ${local}`);
    })
    : listener;
  const gate = new ConnectionGate(security, (line) => operator.show(line));
  const onClosed = (story: ConnStory) => {
    recorder?.record(closedEvent("server", story));
    if (verbose) {
      screen.show(
        `* ${addressOf(story.peer)} closed: ${describeClose({ role: "server", ...story })}`,
      );
    }
  };
  try {
    return await runServerSession(observed, room, operator, {
      once: plan.once,
      lineEnding: plan.crlf ? "\r\n" : "\n",
      maxClients: plan.maxClients,
      maxLineBytes,
      maxQueuedBytes: Math.max(DEFAULT_MAX_QUEUED_BYTES, 4 * maxLineBytes),
      gate: observing ? observeAdmitted(gate, onClosed) : gate,
      idleMs,
    });
  } finally {
    recorder?.end();
  }
}

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
