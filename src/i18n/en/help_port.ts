/** English: the help of tp1 port (`tp1 port --help`, and everything in `tp1 help port`). */

/** The values the help texts of tp1 port show (defaults, file names, the usage line). */
export interface PortHelpValues {
  readonly DEFAULT_PORT: number;
  readonly USAGE: string;
  readonly WATCH_INTERVAL_MS: number;
  /** The short help, which the details begin with. */
  readonly HELP: string;
}

/** The short help and the details of tp1 port. */
export const helpPortEn = {
  /** `tp1 port --help`: what most people need, with examples. */
  short: ({ DEFAULT_PORT, USAGE }: PortHelpValues): string =>
    `tp1 port — is a port (TCP or UDP) free, and if not, who holds it?

Usage: ${USAGE}

Lists every TCP and UDP socket on this machine that uses PORT (default ${DEFAULT_PORT}),
like "netstat -an | grep ${DEFAULT_PORT}" and "sudo lsof -i :${DEFAULT_PORT}" together:
its protocol, state (LISTEN, ESTABLISHED, TIME_WAIT, ...), local and remote
address, and the pid, command and user holding it. When the port is taken, it ends with the
"kill PID" command that frees it. Reads /proc, so it works on Linux only.

Options:
      --tcp    Only TCP sockets (tp1 serve).
      --udp    Only UDP sockets (tp1 serve --udp); UNCONN is a UDP socket
               taking datagrams from anyone.
      --watch  Watch the port live: each change of its sockets, as it happens,
               with the TCP phase in plain words (see tp1 help port). Ctrl-C stops.
      --lang   fr or en: the language of the messages (default: from LANG).
  -h, --help   Show this help.

Example:
  $ tp1 port 7999
  Port 7999 is in use:

  PROTO  STATE        LOCAL            REMOTE           PID   COMMAND  USER
  tcp    LISTEN       0.0.0.0:7999     0.0.0.0:*        4242  python3  alice
  tcp    ESTABLISHED  127.0.0.1:7999   127.0.0.1:53116  4242  python3  alice
  tcp    ESTABLISHED  127.0.0.1:53116  127.0.0.1:7999   4250  nc       alice

  Rows whose REMOTE ends in :7999 are clients of the port; they do not hold it.

  To free port 7999, stop the process that holds it:
    kill 4242  # python3, user alice

The column names (PROTO, STATE, LOCAL, REMOTE, PID, COMMAND, USER) and the
states stay netstat's in every language, for scripts.
Without root, the pid of other users' processes shows as "-"; use sudo to see
them. Sockets left by closed connections (TIME_WAIT, FIN_WAIT…) belong to no
process and vanish by themselves within about 60 s. tp1 port then tries to
listen on the port: it is free for tp1 serve when the program that left them let
its port be reused at once (it set the socket option SO_REUSEADDR, as tp1 serve
does), though the lab's server.py, which does not, would get "Address already
in use" until they are gone; left by server.py itself, they block every new
server for that minute.

Exit status (like grep, so scripts can write "tp1 port --tcp 7999 && tp1 serve"):
  0  tp1 serve can listen on the port
  1  a process holds the port (in TCP or UDP, unless --tcp or --udp says
     which), or closed connections block it for a minute, or it could not
     be checked (error on stderr)
  2  usage error: bad PORT or option`,
  /** `tp1 help port`: every option and the details. */
  details: ({ HELP, WATCH_INTERVAL_MS }: PortHelpValues): string =>
    `${HELP}

Watching a port (tp1 port 7999 --watch, in a third terminal beside the lab):
  Every change of a socket on PORT is printed as it happens, timestamped to
  the millisecond: its new state (LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED,
  FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, LAST_ACK, TIME_WAIT, gone), its local and
  remote address, the pid and command holding it, and under it one line
  naming the phase of the connection: établissement (the three-way
  handshake), transfert (data transfer) or fermeture (closing), and which
  side closed first: the side that ends in TIME_WAIT, which is why the port
  can look "in use" for a minute after the program stopped.

  tp1 reads /proc/net/tcp and tcp6 every ${WATCH_INTERVAL_MS} ms, so a state that lasts less
  than that can be missed: on one machine (loopback) SYN_SENT and SYN_RECV
  last microseconds and are rarely seen, and LAST_ACK and CLOSING often pass
  unseen too. Between two machines, with real delays, most states show.
  Each reading walks every TCP socket of the machine: where there are tens of
  thousands, a reading takes milliseconds and tp1 reads less often, so as to
  use at most about a third of a core. Ctrl-C stops the watch (exit status 0).`,
};
