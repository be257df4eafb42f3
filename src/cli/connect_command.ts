/**
 * `tp1 connect HOST [PORT]`: the lab's client.py, done right. Interactive on a
 * terminal, byte-exact like `nc` (with half-close at end of input) when piped,
 * over plain TCP or TLS (verified by default, never falling back to plain text).
 */
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
import { runClientSession } from "../session/client_session.ts";
import { PeerLink } from "../session/peer_link.ts";
import { openClientConnection } from "../client/open_client_connection.ts";
import { passwordFromOptions, spellPasswordFlag } from "./password_option.ts";
import { TlsConnection } from "../tls/tls_connection.ts";
import { PromptConsole } from "../terminal/prompt_console.ts";
import {
  isInteractive,
  localHostname,
  notice,
  stderrLogger,
  warn,
} from "../terminal/terminal_facts.ts";
import type { Command } from "./command.ts";
import { parseOptions } from "./parse_options.ts";
import { parseSecondsToMs } from "./parse_duration.ts";
import { describeTls, insecureWarning, tlsClientSettings } from "../client/tls_trust.ts";
import { closeQuietly } from "../net/close_quietly.ts";
import { passwordRefusedError } from "../client/server_greeting.ts";
import { watchedConn, WatchedPeerLink } from "../client/watched_conn.ts";
import { refuseUdpOnlyOptions } from "../udp/udp_options.ts";

const USAGE =
  "tp1 connect HOST [PORT] [--udp [--broadcast]] [--tls [--ca FILE | --fingerprint SHA256 | --insecure]] [options]";
const DEFAULT_TIMEOUT_S = 10;

/** What `tp1 connect --help` prints: what most people need, with examples. */
const HELP = `tp1 connect — connect to a tp1 server (or any TCP server): the lab's client.py

Usage: tp1 connect HOST [PORT] [options]

HOST is the server's name or address (192.168.100.4); PORT defaults to ${DEFAULT_PORT}.
On a terminal you get a prompt: each line you type is sent, and what the
server sends is shown above it. "exit" (sent too, as client.py does), Ctrl-D
or Ctrl-C leaves. With input or output from a file or a pipe it works like
nc: bytes pass unchanged, and tp1 waits for the server's last reply.

Common options:
  -p, --port PORT          Port to connect to (default ${DEFAULT_PORT}).
      --tls                Encrypt, and check who the server is (see tp1 help connect).
      --password           The server asks for a password: type it when asked.
      --wait               The server is not up yet: keep trying until it is.
  -u, --udp                Send UDP datagrams instead (like nc -u).

Examples:
  tp1 connect 192.168.100.4            chat with the server on VM1, port ${DEFAULT_PORT}
  tp1 connect vm1:8000                 another port
  tp1 connect 192.168.100.4 < file     send a file (tp1 serve > file on VM1)
  tp1 connect --udp 192.168.100.4      datagrams to tp1 serve --udp on VM1

Every option and TLS in detail: tp1 help connect`;

/** What `tp1 help connect` prints: everything. */
const DETAILS = `tp1 connect — connect to a tp1 server (or any TCP server): the lab's client.py

Usage: ${USAGE}

HOST is a name (vm1, localhost), an IPv4 address (192.168.100.4) or an IPv6
address (::1). HOST:PORT and [IPV6]:PORT work too. PORT defaults to ${DEFAULT_PORT}.
When a name has several addresses, each is tried in turn.

On a terminal, tp1 connect is a chat: a prompt (client@HOST:PORT$), every line
you type is sent to the server, and what the server sends is shown above the
prompt as "from server: ..." while you type. Control characters and escape
sequences from the server are shown escaped, never obeyed. Type "exit" (sent
to the server first, as the lab's client.py does), press Ctrl-D or Ctrl-C to
leave; lines already typed are still delivered.

When standard input or output is not a terminal, tp1 connect behaves like
"nc -N": stdin's bytes go to the server unchanged, the server's bytes go to
stdout unchanged (shown with control characters escaped when stdout is still a
terminal); at the end of stdin tp1 tells the server it has nothing more to
send and keeps reading until the server closes, so no late reply is lost.

With --tls the connection is encrypted and the server must prove who it is:
its certificate is checked against the system's certificate authorities, or
against --ca FILE, or must have the SHA-256 fingerprint given by --fingerprint
(what "tp1 serve --tls" and "tp1 cert" print). If the check fails, tp1 stops
with an error before sending anything; it never falls back to plain text. A
self-signed server is refused with its fingerprint and the exact command to
pin it: compare that fingerprint with the one on the server's screen first.

With --udp (-u) there is no connection at all: tp1 says where its datagrams
go, not that it is connected, since nothing tells it a server is there until
one answers. On a terminal a line you type is one datagram, and each datagram
received is shown with its sender and size ("from 192.168.100.4:7999 (6 bytes):
salut"), escaped. Datagrams can be lost or arrive out of order, and nothing
says when the server leaves; when its machine answers "port unreachable", tp1
says nobody is listening on that UDP port. Piped, like "nc -u": standard
input is sent as datagrams (one per read, split at 65,507 bytes), replies go to
standard output, and after the end of input tp1 waits until the server has been
quiet for --linger seconds, then exits 0 (1 when nobody listens). A broadcast
address (192.168.100.255: every machine on the subnet) needs --broadcast.

Options:
  -p, --port PORT          Port to connect to (default ${DEFAULT_PORT}).
  -u, --udp                Send UDP datagrams instead of connecting over TCP.
      --broadcast          With --udp: allow a broadcast address, and hear every
                           machine that answers.
      --linger SECONDS     With --udp, piped: after the end of input, wait for
                           replies until the server is quiet this long (default 1).
      --tls                Speak TLS, and verify the server's certificate.
      --ca FILE            Trust the certificates in FILE (PEM; a bundle, or the
                           server's own certificate from tp1 cert) instead of the
                           system's CAs. Repeatable. Implies --tls.
      --fingerprint SHA256 Trust exactly the certificate with this SHA-256
                           fingerprint, whatever its names and dates (for a
                           self-signed server). Implies --tls. Its first 20 hex
                           digits are enough (80 bits: too many to forge), e.g.
                           --fingerprint A1F3:C77D:9DFB:3BC6:AEED as serve prints.
      --insecure           Do not verify the server at all (encrypted, but anyone
                           on the way could pose as the server); warns every time.
                           Implies --tls. Not with --fingerprint or --ca.
      --password[=SECRET]  The server asks for a password (serve --password):
                           ask for it here, without echo, before connecting
                           (=SECRET gives it on the command line instead).
      --password-file FILE Read the password from the first line of FILE.
      --timeout SECONDS    Give up connecting after this long (default ${DEFAULT_TIMEOUT_S}),
                           and again on the TLS handshake with --tls.
      --wait [SECONDS]     Server not up yet? Keep retrying (for ever, or SECONDS),
                           showing progress; Ctrl-C stops waiting.
      --idle SECONDS       Close the connection after SECONDS without traffic.
      --crlf               End the lines you type with CRLF instead of LF.
  -v, --verbose            Piped mode: report the connection and byte counts on stderr.
  -h, --help               Show the short help (tp1 help connect shows this one).

Examples:
  tp1 connect 192.168.100.4            chat with the server on VM1, port ${DEFAULT_PORT}
  tp1 connect vm1:8000                 another port
  tp1 connect 192.168.100.4 < file     send a file (tp1 serve > file on VM1)
  echo "GET / HTTP/1.0" | tp1 connect example.lan 80
  echo hello | tp1 connect --udp --broadcast 192.168.100.255
                                       one datagram to every machine on the subnet
  tp1 connect --tls --ca tp1-cert.pem 192.168.100.4
                                       TLS to "tp1 serve --tls --cert tp1-cert.pem ..."
  tp1 connect --tls --fingerprint 3A:5F:...:C2 192.168.100.4
                                       TLS to a server's self-signed certificate

Without --tls, a server that answers in TLS is recognised and tp1 stops, saying
to add --tls: within 2 s for tp1 serve --tls, at the first line sent for others.

Exit status: 0 when the session ends normally, 1 when the connection fails
(refused, unknown host, timeout, reset, server not trusted, not TLS, speaks TLS
without --tls, password refused), 2 for a command-line mistake.`;

/**
 * HOST and PORT from the command line; a HOST that is not one (a URL, a
 * network, two ports) is a usage error showing the whole command to type.
 */
function parseTarget(args: readonly string[], positionals: string[], port?: string): HostPort {
  try {
    return parseHostPort(positionals[0], positionals[1] ?? port);
  } catch (error) {
    if (!(error instanceof HostTypoError)) throw new UsageError((error as Error).message, USAGE);
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
      `${error.message}; did you mean:\n  tp1 connect ${words.join(" ")}`,
      USAGE,
    );
  }
}

/** `word` as a shell would need it typed (quoted when it has spaces or specials). */
function quoteWord(word: string): string {
  return /^[\w@%+=:,./\[\]-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The `connect` subcommand. */
export const connectCommand: Command = {
  name: "connect",
  usage: USAGE,
  help: HELP,
  details: DETAILS,
  async run(args) {
    const { values, positionals } = parseOptions(spellPasswordFlag(args), {
      port: { type: "string", short: "p" },
      timeout: { type: "string" },
      // "--wait" alone waits for ever; "--wait 20" (as ncat's -w 20) for 20 s.
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
      udp: { type: "boolean", short: "u" },
      broadcast: { type: "boolean" },
      linger: { type: "string" },
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
    const target = parseTarget(args, positionals, values.port);
    if (values.udp) {
      return await (await import("../udp/udp_commands.ts")).runConnectUdp(values, target, USAGE);
    }
    refuseUdpOnlyOptions(values, USAGE);
    const timeoutMs = parseSecondsToMs(
      values.timeout ?? String(DEFAULT_TIMEOUT_S),
      "--timeout",
      USAGE,
    );
    const log = stderrLogger(values.verbose ?? false);
    const waitMs = values.wait === undefined || values.wait === "forever"
      ? undefined
      : parseSecondsToMs(values.wait, "--wait", USAGE);
    const idleMs = values.idle === undefined
      ? undefined
      : parseSecondsToMs(values.idle, "--idle", USAGE);
    const tls = await tlsClientSettings(values, USAGE);

    const password = await passwordFromOptions(values, USAGE, (m) => warn(m));

    const conn = await openClientConnection(
      { target, timeoutMs, wait: values.wait !== undefined, waitMs, tls, password },
      log,
    );
    if (conn instanceof TlsConnection && tls?.verify.kind === "insecure" && !tls.pinPrefix) {
      Deno.stderr.writeSync(new TextEncoder().encode(insecureWarning(conn, target)));
    }
    const tlsLine = conn instanceof TlsConnection && tls ? describeTls(conn, tls) : undefined;
    if (!isInteractive()) {
      if (tlsLine) tlsLine.split("\n").forEach((line) => log(line));
      else log(`connected to ${formatHostPort(fromNetAddr(conn.remoteAddr))}`);
      try {
        conn.setKeepAlive(true);
        const ends = stdioEnds();
        // Over plain TCP the server's first words may say it speaks TLS, or refuse a password.
        const watched = tls ? undefined : watchedConn(conn, target);
        const { received, sent, idle } = await pipeConnection(watched ?? conn, ends, idleMs);
        if (idle) notice(`no traffic for ${idleMs! / 1000} s (--idle): connection closed`);
        else log(`done: sent ${sent} bytes, received ${received} bytes`);
        if (watched?.passwordRefused) throw passwordRefusedError(target);
        return 0;
      } finally {
        closeQuietly(conn);
      }
    }
    const local = formatHostPort(fromNetAddr(conn.localAddr));
    console.log(
      `tp1 client — connected to ${formatHostPort(fromNetAddr(conn.remoteAddr))} from ${local}\n` +
        (tlsLine ? `${tlsLine}\n` : "") +
        `type a line to send it; "exit", Ctrl-D or Ctrl-C leaves\n`,
    );
    const prompt = `client@${localHostname()}:${target.port}$ `;
    const link = tls ? new PeerLink(conn) : new WatchedPeerLink(conn, target);
    const chat = new PromptConsole(prompt);
    let code: number;
    try {
      code = await runClientSession(link, chat, {
        lineEnding: values.crlf ? "\r\n" : "\n",
        idleMs,
      });
    } catch (error) {
      // A TLS server answering: the terminal is given back before the error is said.
      chat.close();
      link.close();
      throw error;
    }
    if (link instanceof WatchedPeerLink && link.passwordRefused) {
      throw passwordRefusedError(target);
    }
    return code;
  },
};
