/** English: the help of tp1 serve (`tp1 serve --help`, and everything in `tp1 help serve`). */

/** The values the help texts of tp1 serve show (defaults, file names, the usage line). */
export interface ServeHelpValues {
  readonly DEFAULT_MAX_CLIENTS: number;
  readonly DEFAULT_MAX_LINE_BYTES: number;
  readonly DEFAULT_MAX_WAITING: number;
  readonly DEFAULT_PORT: number;
  readonly USAGE: string;
}

/** The short help and the details of tp1 serve. */
export const helpServeEn = {
  /** `tp1 serve --help`: what most people need, with examples. */
  short: ({ DEFAULT_PORT, USAGE }: ServeHelpValues): string =>
    `tp1 serve — wait for clients on a TCP port (the lab's server.py)

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
  -u, --udp           UDP datagrams instead of a TCP connection (like nc -u -l).

At the prompt: /who lists the clients, /to NAME text talks to one of them,
/kick NAME disconnects one, /help lists the rest.

Examples:
  tp1 serve                       chat with clients on port ${DEFAULT_PORT}
  tp1 serve -p 8000 --once        serve one client on port 8000, like server.py
  tp1 serve --chat                a chat room for the whole class
  tp1 serve > received.bin        receive a file (the client pipes it in)

Every option, the limits and the security settings: tp1 help serve`,
  /** `tp1 help serve`: every option and the details. */
  details: (
    { DEFAULT_MAX_CLIENTS, DEFAULT_MAX_LINE_BYTES, DEFAULT_MAX_WAITING, DEFAULT_PORT, USAGE }:
      ServeHelpValues,
  ): string =>
    `tp1 serve — wait for clients on a TCP port (the lab's server.py)

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
connections (--tls, --password, --chat, --once, --idle, --record, ...) do not
apply.

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
  -u, --udp              UDP datagrams instead of TCP connections (see above).
      --record FILE      Keep a transcript of the session in FILE (terminal or
                         --chat): Markdown, or plain text when FILE ends in .txt.
                         See "Transcripts" below.
  -v, --verbose          Report each connection (both addresses) and, when it
                         closes, the bytes each way, how long it lasted and which
                         side closed first; piped, on stderr.
      --lang fr|en       Messages in French or English (default: from LANG).
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
who holds it) or the connection fails, 2 for a command-line mistake.`,
};
