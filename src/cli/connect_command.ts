/**
 * `tp1 connect HOST [PORT]`: the lab's client.py, done right. Interactive on a
 * terminal, byte-exact like `nc` (with half-close at end of input) when piped,
 * over plain TCP or TLS (verified by default, never falling back to plain text).
 */
import { printHelp } from "./print_help.ts";
import {
  DEFAULT_PORT,
  formatHostPort,
  fromNetAddr,
  type HostPort,
  HostTypoError,
  parseHostPort,
} from "../core/host_port.ts";
import { UsageError } from "../errors.ts";
import { pipeConnection } from "../pipe/pipe_connection.ts";
import { stdioEnds } from "../pipe/stdio_ends.ts";
import { openClientConnection } from "../client/open_client_connection.ts";
import { passwordFromOptions, spellPasswordFlag } from "./password_option.ts";
import type { TlsConnection } from "../tls/tls_connection.ts";
import { isInteractive, localHostname } from "../terminal/terminal_facts.ts";
import { notice, stderrLogger, warn } from "../terminal/stderr_log.ts";
import { refuseTcpOnlyOptions, refuseUdpOnlyOptions } from "./udp_options.ts";
import type { ConnectUdpPlan } from "./udp_commands.ts";
import { type Command, localizedCommand } from "./command.ts";
import { t } from "../i18n/catalogue.ts";
import { parseOptions } from "./parse_options.ts";
import { parseSecondsToMs } from "../core/parse_duration.ts";
import {
  describeTls,
  insecureWarning,
  tlsClientSettings,
  type TlsFlags,
} from "../client/tls_trust.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { watchedConn } from "../client/watched_conn.ts";
import { passwordArgs } from "../client/password_args.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import type { ConnectStep } from "../client/open_client_connection.ts";
import { VERSION } from "./version.ts";
import { DEFAULT_LINGER_MS } from "./udp_options.ts";
import { takeHeadStart } from "../client/head_start.ts";

// Start-up (issue 14): what a piped `tp1 connect` does not use is imported at the point
// of use — the chat prompt (node:readline), TLS (node:tls, node:crypto), the password
// exchange, --record, -v's story, UDP and the recognition of a server's words in every
// language; only types are imported for those here. On a terminal, everything is
// imported before the prompt is drawn: a module loaded later makes Deno erase the
// terminal's current line (deno.json's lazy-dynamic-imports).

/** The usage line, in the active language (its placeholders too). */
const usageLine = (): string => t().usage.lines.connect;
const DEFAULT_TIMEOUT_S = 10;

/** The values the help texts show. */
const helpValues = () => ({ DEFAULT_PORT, DEFAULT_TIMEOUT_S, USAGE: usageLine() });

/** What `tp1 connect --help` prints, in the active language. */
const shortHelp = (): string => t().help.connect.short(helpValues());
/** What `tp1 help connect` prints: everything. */
const fullHelp = (): string => t().help.connect.details(helpValues());

/**
 * HOST and PORT from the command line; a HOST that is not one (a URL, a
 * network, two ports) is a usage error showing the whole command to type.
 */
function parseTarget(args: readonly string[], positionals: string[], port?: string): HostPort {
  try {
    return parseHostPort(positionals[0], positionals[1] ?? port);
  } catch (error) {
    if (!(error instanceof HostTypoError)) {
      throw new UsageError((error as Error).message, usageLine());
    }
    const { host, port: meantPort } = error.meant;
    const replacement = meantPort !== undefined && positionals[1] === undefined && !port
      ? `${quoteWord(host)} ${meantPort}`
      : quoteWord(host);
    // Never echo a secret given as --password=SECRET: the prompt asks for it instead.
    const words = args.map((arg) =>
      arg === positionals[0]
        ? replacement
        : arg.startsWith("--password=")
        ? "--password"
        : quoteWord(arg)
    );
    throw new UsageError(
      t().usage.didYouMean(error.message, `tp1 connect ${words.join(" ")}`),
      usageLine(),
    );
  }
}

/** `word` as a shell would need it typed (quoted when it has spaces or specials). */
function quoteWord(word: string): string {
  return /^[\w@%+=:,./\[\]-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `--record FILE`, opened before anything is sent (it needs the chat of a terminal). */
async function openConnectRecording(path: string, args: readonly string[], interactive: boolean) {
  if (!interactive) {
    throw new UsageError(
      t().usage.connectRecordPiped,
      usageLine(),
    );
  }
  const { openRecording } = await import("../record/session_recording.ts");
  return openRecording(path, "tp1 connect", args, warn);
}

/** The `connect` subcommand. */
export const connectCommand: Command = localizedCommand(
  "connect",
  { usage: usageLine, help: shortHelp, details: fullHelp },
  async (args) => await runConnectPlan(parseConnectCommand(args)),
);

/** What `tp1 connect` was asked to do, as read from its arguments. */
export type ConnectPlan = { readonly help: true } | ConnectRunPlan | ConnectUdpPlan;

/** A connection to open: every option checked, files and passwords still to be read. */
export interface ConnectRunPlan {
  readonly help: false;
  readonly target: HostPort;
  readonly timeoutMs: number;
  /** `--wait`: retry until the server is up, for `waitMs` (undefined: until Ctrl-C). */
  readonly wait: boolean;
  readonly waitMs: number | undefined;
  readonly idleMs: number | undefined;
  readonly crlf: boolean;
  readonly verbose: boolean;
  /** `--record FILE`: where to write the session down (a terminal session only). */
  readonly record: string | undefined;
  /** The arguments as given, for the transcript's header (secrets removed there). */
  readonly args: readonly string[];
  /** `--tls`, `--ca`, `--fingerprint`, `--insecure`, `--password`…: read when the plan runs. */
  readonly security: TlsFlags & { readonly password?: string; readonly "password-file"?: string };
}

/** The arguments of `tp1 connect` as a plan; throws a UsageError. Pure. */
export function parseConnectCommand(args: string[]): ConnectPlan {
  const { values, positionals } = parseOptions(spellPasswordFlag(args), {
    port: { type: "string", short: "p" },
    timeout: { type: "string" },
    // "--wait" alone waits for ever; "--wait 20" for 20 s (ncat's -w 20 is --timeout 20).
    wait: { type: "string", optional: { bare: "forever", next: /^\d+(\.\d+)?$/ } },
    idle: { type: "string" },
    tls: { type: "boolean" },
    ca: { type: "string", multiple: true },
    fingerprint: { type: "string" },
    insecure: { type: "boolean" },
    password: { type: "string" },
    "password-file": { type: "string" },
    crlf: { type: "boolean" },
    verbose: { type: "boolean", short: "v" },
    record: { type: "string" },
    udp: { type: "boolean", short: "u" },
    broadcast: { type: "boolean" },
    linger: { type: "string" },
    help: { type: "boolean", short: "h" },
  }, usageLine());
  if (values.help) return { help: true };
  if (positionals.length === 0) {
    throw new UsageError(
      t().usage.whichHost,
      usageLine(),
    );
  }
  if (positionals.length > 2) {
    throw new UsageError(t().usage.unexpectedArgument(positionals[2]), usageLine());
  }
  if (positionals[1] !== undefined && values.port !== undefined) {
    throw new UsageError(t().usage.portTwice, usageLine());
  }
  const target = parseTarget(args, positionals, values.port);
  if (values.udp) {
    refuseTcpOnlyOptions(values, usageLine(), "connect");
    return {
      help: false,
      udp: true,
      target,
      broadcast: values.broadcast ?? false,
      lingerMs: values.linger === undefined
        ? DEFAULT_LINGER_MS
        : parseSecondsToMs(values.linger, "--linger", usageLine()),
      crlf: values.crlf ?? false,
      verbose: values.verbose ?? false,
    };
  }
  refuseUdpOnlyOptions(values, usageLine());
  const timeoutMs = parseSecondsToMs(
    values.timeout ?? String(DEFAULT_TIMEOUT_S),
    "--timeout",
    usageLine(),
  );
  const waitMs = values.wait === undefined || values.wait === "forever"
    ? undefined
    : parseSecondsToMs(values.wait, "--wait", usageLine());
  const idleMs = values.idle === undefined
    ? undefined
    : parseSecondsToMs(values.idle, "--idle", usageLine());
  return {
    help: false,
    target,
    timeoutMs,
    wait: values.wait !== undefined,
    waitMs,
    idleMs,
    crlf: values.crlf ?? false,
    verbose: values.verbose ?? false,
    record: values.record,
    args,
    security: values,
  };
}

/** Carries a {@linkcode ConnectPlan} out: connects, then pipes or chats. */
export async function runConnectPlan(plan: ConnectPlan): Promise<number> {
  if (plan.help) {
    printHelp(shortHelp());
    return 0;
  }
  if ("udp" in plan) {
    return await (await import("./udp_commands.ts")).runConnectUdp(plan, usageLine());
  }
  const { target, timeoutMs, idleMs } = plan;
  const log = stderrLogger(plan.verbose);
  const tls = await tlsClientSettings(plan.security, usageLine());

  const interactive = isInteractive();
  const recording = plan.record === undefined
    ? undefined
    : await openConnectRecording(plan.record, plan.args, interactive);
  const password = await passwordFromOptions(plan.security, usageLine(), (m) => warn(m));

  // On a terminal, -v times each step; the lines are shown with the banner.
  const steps: string[] = [];
  let connectedAt: Date | undefined;
  const { describeStep } = interactive && plan.verbose
    ? await import("../client/connect_timings.ts")
    : { describeStep: undefined };
  const onStep = interactive && (plan.verbose || recording)
    ? (step: ConnectStep) => {
      if (step.step === "connected") connectedAt = new Date();
      if (describeStep) steps.push(describeStep(step));
    }
    : undefined;
  // A plain piped `tp1 connect ADDRESS [PORT]` was dialed by main.ts already (head_start.ts).
  const head = takeHeadStart(target);
  const opened = await openClientConnection(
    {
      target,
      timeoutMs,
      wait: plan.wait,
      waitMs: plan.waitMs,
      tls,
      password,
      onStep,
      underWay: head,
    },
    log,
  ).catch(async (error) => {
    recording?.recorder.end();
    // Asked for a password over plain TCP, a --tls server answers with its hint instead.
    if (!tls && error?.kind === "not-asked" && error.said !== null) {
      const { speaksTlsError, tlsAnswer } = await import("../client/server_greeting.ts");
      const said = new TextEncoder().encode(`${error.said}\n`);
      if (tlsAnswer(said) === "tls") throw speaksTlsError(target, passwordArgs(plan.security));
    }
    throw error;
  });
  // The -v closing line goes to the screen only (the transcript has it as an event).
  const shown: { screen?: ChatConsole } = {};
  const conn = interactive && (recording || plan.verbose)
    ? await observeClientConn(opened, recording, plan.verbose, shown)
    : opened;
  // openClientConnection gives a TlsConnection exactly when TLS was asked for.
  const tlsConn = tls ? conn as unknown as TlsConnection : undefined;
  if (tlsConn && tls?.verify.kind === "insecure" && !tls.pinPrefix) {
    Deno.stderr.writeSync(
      new TextEncoder().encode(insecureWarning(tlsConn, target, tls.passwordArgs)),
    );
  }
  const tlsLine = tlsConn && tls ? describeTls(tlsConn, tls) : undefined;
  if (!interactive) {
    if (tlsLine) tlsLine.split("\n").forEach((line) => log(line));
    else log(t().client.connected(formatHostPort(fromNetAddr(conn.remoteAddr))));
    try {
      conn.setKeepAlive(true);
      const ends = stdioEnds();
      if (head) ends.input.alreadySent(head.firstChunk);
      // Over plain TCP the server's first words may say it speaks TLS, or refuse a password.
      const watched = tls ? undefined : watchedConn(conn, target);
      const { received, sent, idle } = await pipeConnection(watched ?? conn, ends, idleMs);
      if (idle) notice(t().client.idleClosed(idleMs! / 1000));
      else log(t().client.done(sent, received));
      if (watched?.passwordRefused) throw await passwordRefused(target);
      return 0;
    } finally {
      closeQuietly(conn);
    }
  }
  const local = formatHostPort(fromNetAddr(conn.localAddr));
  const remote = formatHostPort(fromNetAddr(conn.remoteAddr));
  console.log(
    steps.map((line) => `${line}\n`).join("") +
      `${t().client.banner(remote, local)}\n` +
      (tlsLine ? `${tlsLine}\n` : "") +
      `${t().client.bannerHint}\n`,
  );
  const prompt = `client@${localHostname()}:${target.port}$ `;
  const [
    { runClientSession },
    { PromptConsole },
    { PeerLink },
    { WatchedPeerLink },
    { recordingConsole },
  ] = await Promise.all([
    import("../client/client_session.ts"),
    import("../terminal/prompt_console.ts"),
    import("../streams/peer_link.ts"),
    import("../client/watched_peer_link.ts"),
    import("../record/recording_console.ts"),
  ]);
  const link = tls ? new PeerLink(conn) : new WatchedPeerLink(conn, target);
  const screen = new PromptConsole(prompt);
  shown.screen = screen;
  let chat: ChatConsole;
  if (recording) {
    const { recorder } = recording;
    recorder.begin({
      title: "tp1 connect",
      command: recording.command,
      version: VERSION,
      local,
      peer: remote,
    });
    recorder.record({ type: "connected", role: "client", local, peer: remote }, connectedAt);
    chat = recordingConsole(screen, recorder, t().record.youClient);
  } else {
    chat = screen;
  }
  let code: number;
  try {
    code = await runClientSession(link, chat, {
      lineEnding: plan.crlf ? "\r\n" : "\n",
      idleMs,
    });
  } catch (error) {
    // A TLS server answering: the terminal is given back before the error is said.
    chat.close();
    link.close();
    throw error;
  } finally {
    recording?.recorder.end();
  }
  if (link instanceof WatchedPeerLink && link.passwordRefused) {
    throw await passwordRefused(target);
  }
  return code;
}

/** The error for a server that refused the password (loaded only then). */
async function passwordRefused(target: HostPort): Promise<Error> {
  return (await import("../client/server_greeting.ts")).passwordRefusedError(target);
}

/** For -v and --record on a terminal: `conn`, telling its story when it closes. */
async function observeClientConn(
  conn: Deno.TcpConn,
  recording: Awaited<ReturnType<typeof openConnectRecording>> | undefined,
  verbose: boolean,
  shown: { screen?: ChatConsole },
): Promise<Deno.TcpConn> {
  const [{ observeConn }, { closedEvent }, { describeClose }] = await Promise.all([
    import("../record/observed_conn.ts"),
    import("../record/session_recording.ts"),
    import("../record/close_summary.ts"),
  ]);
  return observeConn(conn, (story) => {
    recording?.recorder.record(closedEvent("client", story));
    if (verbose) {
      shown.screen?.show(t().client.closedSummary(describeClose({ role: "client", ...story })));
    }
  });
}
