/**
 * `tp1 serve`: the lab's server.py, done right. Interactive on a terminal
 * (a prompt, several clients at once), byte-exact like `nc -l` when piped.
 */
import { printHelp } from "./print_help.ts";
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
import { isInteractive, localHostname, terminalColumns } from "../terminal/terminal_facts.ts";
import { notice, stderrLogger, warn } from "../terminal/stderr_log.ts";
import { ConnectionGate } from "../gate/connection_gate.ts";
import { spellPasswordFlag } from "./password_option.ts";
import { serverSecurity, type ServeSecurityFlags } from "./serve_security_options.ts";
import type { ServerTls } from "../gate/connection_gate.ts";
import { refuseTcpOnlyOptions } from "./udp_options.ts";
import type { ServeUdpPlan } from "./udp_commands.ts";
import { type Command, localizedCommand } from "./command.ts";
import { t } from "../i18n/catalogue.ts";
import { parseOptions } from "./parse_options.ts";
import { parseSecondsToMs } from "../core/parse_duration.ts";
import { addressOf, closedEvent, openRecording } from "../record/session_recording.ts";
import { recordingConsole } from "../record/recording_console.ts";
import { type ConnStory, observeAdmitted, observeListener } from "../record/observed_conn.ts";
import { describeClose } from "../record/close_summary.ts";
import { VERSION } from "./version.ts";

/** The usage line, in the active language (its placeholders too). */
const usageLine = (): string => t().usage.lines.serve;

/** The values the help texts show. */
const helpValues = () => ({
  DEFAULT_MAX_CLIENTS,
  DEFAULT_MAX_LINE_BYTES,
  DEFAULT_MAX_WAITING,
  DEFAULT_PORT,
  USAGE: usageLine(),
});

/** What `tp1 serve --help` prints, in the active language. */
const shortHelp = (): string => t().help.serve.short(helpValues());
/** What `tp1 help serve` prints: everything. */
const fullHelp = (): string => t().help.serve.details(helpValues());

/** The `serve` subcommand. */
export const serveCommand: Command = localizedCommand(
  "serve",
  { usage: usageLine, help: shortHelp, details: fullHelp },
  async (args) => await runServePlan(parseServeCommand(args, isInteractive())),
);

/** What `tp1 serve` was asked to do, as read from its arguments. */
export type ServePlan = { readonly help: true } | ServeRunPlan | ServeUdpPlan;

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
    udp: { type: "boolean", short: "u" },
    help: { type: "boolean", short: "h" },
  }, usageLine());
  if (values.help) return { help: true };
  if (positionals.length > 0) {
    throw new UsageError(
      t().usage.serveUnexpected(positionals[0]),
      usageLine(),
    );
  }
  if (values.once && values["keep-open"]) {
    throw new UsageError(t().usage.onceAndKeepOpen, usageLine());
  }
  const port = values.port === undefined ? DEFAULT_PORT : parsePortNumber(values.port);
  const ambiguousHost = values.host === undefined ? undefined : leadingZeroProblem(values.host);
  if (ambiguousHost !== undefined) throw new UsageError(ambiguousHost, usageLine());
  if (values.udp) {
    refuseTcpOnlyOptions(values, usageLine());
    return {
      help: false,
      udp: true,
      port,
      host: values.host,
      crlf: values.crlf ?? false,
      verbose: values.verbose ?? false,
      security: values,
    };
  }
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
        t().usage.roomOnly(`--${roomOnly}`),
        usageLine(),
      );
    }
  } else if (values["max-waiting"] !== undefined) {
    throw new UsageError(
      t().usage.maxWaitingInRoom,
      usageLine(),
    );
  }
  const maxWaiting = values["max-waiting"] === undefined
    ? DEFAULT_MAX_WAITING
    : parseCount(values["max-waiting"], "--max-waiting", MAX_MAX_CLIENTS);
  const idleMs = values.idle === undefined
    ? undefined
    : parseSecondsToMs(values.idle, "--idle", usageLine());
  if (values.record !== undefined && !interactive && !chat) {
    throw new UsageError(
      t().usage.serveRecordPiped,
      usageLine(),
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
    printHelp(shortHelp());
    return 0;
  }
  if ("udp" in plan) {
    return await (await import("./udp_commands.ts")).runServeUdp(plan, usageLine());
  }
  const { port, chat, interactive, idleMs, maxLineBytes } = plan;
  const security = await serverSecurity(plan.security, usageLine(), warn);
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
  const room = new Room({ mode: chat ? "chat" : "lab", messages: t().room });
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
    operator.show(t().server.logHeader(where(bound.host, bound.port)));
    operator.show(t().server.logStop(Deno.pid));
  }
  const screen = operator;
  const recorder = recording?.recorder;
  if (recording) {
    const everywhere = bound.host === "::" || bound.host === "0.0.0.0";
    const local = everywhere
      ? t().record.everyInterface(formatHostPort(bound))
      : formatHostPort(bound);
    recording.recorder.begin({
      title: chat ? "tp1 serve --chat" : "tp1 serve",
      command: recording.command,
      version: VERSION,
      local,
      peer: t().record.peerPerConnection,
    });
    recording.recorder.record({ type: "listening", address: local });
    operator = recordingConsole(operator, recording.recorder, t().record.youServer);
  }
  const verbose = plan.verbose;
  // -v lines go to the screen only: the transcript has the same facts as events.
  const observing = recording !== undefined || verbose;
  const observed = observing
    ? observeListener(listener, (conn) => {
      const [local, peer] = [addressOf(conn.localAddr), addressOf(conn.remoteAddr)];
      recorder?.record({ type: "connected", role: "server", local, peer });
      if (verbose) screen.show(t().server.accepted(peer, local));
    })
    : listener;
  const gate = new ConnectionGate(security, (line) => operator.show(line));
  const onClosed = (story: ConnStory) => {
    recorder?.record(closedEvent("server", story));
    if (verbose) {
      screen.show(
        t().server.closedHow(addressOf(story.peer), describeClose({ role: "server", ...story })),
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
  return t().server.pipedOutput(command);
}

/** The most `--max-clients` accepts: far above what one process can hold open. */
const MAX_MAX_CLIENTS = 1_000_000;

/** The bounds of `--max-line`. */
const MIN_LINE_BYTES = 64;
const MAX_LINE_BYTES = 1024 * 1024;

function parseCount(text: string, flag: string, max: number): number {
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= max)) {
    throw new UsageError(t().usage.wholeNumber(flag, max, text), usageLine());
  }
  return n;
}

function parseByteSize(text: string, flag: string): number {
  const match = /^(\d+)([kKmM]i?[bB]?)?$/.exec(text);
  const unit = match?.[2]?.[0].toLowerCase();
  const n = match ? Number(match[1]) * (unit === "k" ? 1024 : unit === "m" ? 1024 * 1024 : 1) : NaN;
  if (!(n >= MIN_LINE_BYTES && n <= MAX_LINE_BYTES)) {
    throw new UsageError(
      t().usage.lineBytes(flag, MIN_LINE_BYTES, MAX_LINE_BYTES, text),
      usageLine(),
    );
  }
  return n;
}

function serverBanner(host: string, port: number, chat: boolean): string {
  return [
    chat ? t().server.bannerChat : t().server.bannerServer,
    where(host, port),
    chat ? t().server.bannerChatHint : t().server.bannerLabHint,
    t().server.bannerStop,
    "",
  ].join("\n");
}

/** `listening on port 7999, every interface (…) — reach it at 192.168.100.4:7999`. */
function where(host: string, port: number): string {
  const wildcard = host === "::" || host === "0.0.0.0";
  const listening = wildcard
    ? t().server.listeningEverywhere(port, host === "::" ? t().server.bothFamilies : "0.0.0.0")
    : t().server.listening(formatHostPort({ host, port }));
  const others = wildcard ? reachableAddresses() : [host];
  const reach = others.length > 0
    ? t().server.reachAt(others.map((h) => formatHostPort({ host: h, port })))
    : "";
  return `${listening}${reach}`;
}

/** Tells the operator how clients can trust this server (always: they need it to connect). */
function announceTls(tls: ServerTls, port: number, interactive: boolean, facts: ClientFacts): void {
  // On a terminal the commands are laid out to its width; piped (and in a log) one line each.
  const lines = clientCommandLines(
    { ...tls, port, ...facts },
    interactive ? terminalColumns(Deno.stdout) : undefined,
  );
  if (interactive) console.log(lines.join("\n") + "\n");
  else lines.forEach(notice);
}
