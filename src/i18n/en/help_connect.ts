/** English: the help of tp1 connect (`tp1 connect --help`, and everything in `tp1 help connect`). */

/** The values the help texts of tp1 connect show (defaults, file names, the usage line). */
export interface ConnectHelpValues {
  readonly DEFAULT_PORT: number;
  readonly DEFAULT_TIMEOUT_S: number;
  readonly USAGE: string;
}

/** The short help and the details of tp1 connect. */
export const helpConnectEn = {
  /** `tp1 connect --help`: what most people need, with examples. */
  short: ({ DEFAULT_PORT }: ConnectHelpValues): string =>
    `tp1 connect — connect to a tp1 server (or any TCP server): the lab's client.py

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
      --record FILE        Write the session down in FILE, for the lab report.
  -u, --udp                Send UDP datagrams instead (like nc -u).
  -v, --verbose            Show how long each step of connecting took.

Examples:
  tp1 connect 192.168.100.4            chat with the server on VM1, port ${DEFAULT_PORT}
  tp1 connect vm1:8000                 another port
  tp1 connect 192.168.100.4 < file     send a file (tp1 serve > file on VM1)

Every option and TLS in detail: tp1 help connect`,
  /** `tp1 help connect`: every option and the details. */
  details: ({ DEFAULT_PORT, DEFAULT_TIMEOUT_S, USAGE }: ConnectHelpValues): string =>
    `tp1 connect — connect to a tp1 server (or any TCP server): the lab's client.py

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

Options:
  -p, --port PORT          Port to connect to (default ${DEFAULT_PORT}).
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
                           Without it, a password the server asks for at the
                           prompt is typed without echo too.
      --password-file FILE Read the password from the first line of FILE.
      --timeout SECONDS    Give up connecting after this long (default ${DEFAULT_TIMEOUT_S}),
                           and again on the TLS handshake with --tls.
      --wait [SECONDS]     Server not up yet? Keep retrying (for ever, or SECONDS),
                           showing progress; Ctrl-C stops waiting.
      --idle SECONDS       Close the connection after SECONDS without traffic.
      --crlf               End the lines you type with CRLF instead of LF.
      --record FILE        Keep a transcript of the chat in FILE (on a terminal):
                           every line with who said it and when (to the ms), the
                           connection's addresses, who closed and the byte counts,
                           as Markdown (plain text when FILE ends in .txt), ready
                           to paste into a lab report. Written line by line; never
                           holds the password. A new FILE is readable by you only;
                           an existing one is appended to.
  -v, --verbose            On a terminal: the time taken by name resolution, the
                           TCP connect (three-way handshake) and the TLS handshake
                           (with its version and cipher), the local address chosen,
                           and at the end the bytes each way, the duration and who
                           closed first. Piped: the connection and byte counts on
                           stderr.
      --lang fr|en         Messages in French or English (default: from LANG).
  -h, --help               Show the short help (tp1 help connect shows this one).

Examples:
  tp1 connect 192.168.100.4            chat with the server on VM1, port ${DEFAULT_PORT}
  tp1 connect vm1:8000                 another port
  tp1 connect 192.168.100.4 < file     send a file (tp1 serve > file on VM1)
  echo "GET / HTTP/1.0" | tp1 connect example.lan 80
  tp1 connect -v --record chat.md 192.168.100.4
                                       chat, timed, with a transcript for the report
  tp1 connect --tls --ca tp1-cert.pem 192.168.100.4
                                       TLS to "tp1 serve --tls --cert tp1-cert.pem ..."
  tp1 connect --tls --fingerprint 3A:5F:...:C2 192.168.100.4
                                       TLS to a server's self-signed certificate

Without --tls, a server that answers in TLS is recognised and tp1 stops, saying
to add --tls: within 2 s for tp1 serve --tls, at the first line sent for others.
With --tls, a server that answers in plain text (tp1 serve without --tls does
at once) is recognised and tp1 stops, saying to drop --tls.

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
Options about a connection (--tls, --password, --wait, --idle, --record, ...)
do not go with --udp.
  -u, --udp                Send UDP datagrams instead of connecting over TCP.
      --broadcast          With --udp: allow a broadcast address, and hear every
                           machine that answers.
      --linger SECONDS     With --udp, piped: after the end of input, wait for
                           replies until the server is quiet this long (default 1).

Exit status: 0 when the session ends normally, 1 when the connection fails
(refused, unknown host, timeout, reset, server not trusted, not TLS, speaks TLS
without --tls, password refused), 2 for a command-line mistake.`,
};
