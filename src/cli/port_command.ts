/**
 * `tp1 port [PORT]`: says whether a TCP or UDP port is free or who holds it,
 * replacing the lab steps `netstat -an`, `sudo lsof -i :7999` and `kill PID`.
 */
import type { Command } from "./command.ts";
import { UsageError } from "../errors.ts";
import { parseOptions } from "./parse_options.ts";
import { parsePortNumber } from "../core/port_number.ts";
import { findPortSockets } from "../proc/port_holders.ts";
import { type ListenTrial, processHoldsPort, renderPortReport } from "../proc/port_report.ts";
import { ALL_INTERFACES } from "../net/listen.ts";
import { isPortInUse, type Protocol } from "../proc/port_socket.ts";

const DEFAULT_PORT = 7999;
const USAGE = "tp1 port [--tcp | --udp] [PORT]";

const HELP = `tp1 port — is a port free, and if not, who holds it?

Usage: ${USAGE}

Lists every TCP and UDP socket on this machine that uses PORT (default ${DEFAULT_PORT}),
like "netstat -an | grep ${DEFAULT_PORT}" and "sudo lsof -i :${DEFAULT_PORT}" together:
its protocol, state (LISTEN, ESTABLISHED, TIME_WAIT, UNCONN for a UDP socket
taking datagrams from anyone, ...), local and remote address, and the pid,
command and user holding it. When the port is taken, it ends with the
"kill PID" command that frees it. Reads /proc, so it works on Linux only.

Options:
      --tcp    Only TCP sockets (tp1 serve).
      --udp    Only UDP sockets (tp1 serve --udp).
  -h, --help   Show this help.

Example:
  $ tp1 port 7999
  Port 7999 is in use:

  PROTO  STATE        LOCAL            REMOTE           PID   COMMAND  USER
  tcp    LISTEN       0.0.0.0:7999     0.0.0.0:*        4242  python3  alice
  udp    UNCONN       0.0.0.0:7999     0.0.0.0:*        4301  nc       bob
  tcp    ESTABLISHED  127.0.0.1:7999   127.0.0.1:53116  4242  python3  alice
  tcp    ESTABLISHED  127.0.0.1:53116  127.0.0.1:7999   4250  nc       alice

  Rows whose REMOTE ends in :7999 are clients of the port; they do not hold it.

  To free port 7999, stop the processes that hold it:
    kill 4242  # python3, user alice
    kill 4301  # nc, user bob

Without root, the pid of other users' processes shows as "-"; use sudo to see
them. Sockets left by closed connections (TIME_WAIT, FIN_WAIT…) belong to no
process and vanish by themselves within about 60 s. tp1 port then tries to
listen on the port: it is free for tp1 serve when the program that left them set
SO_REUSEADDR (tp1 serve does), though the lab's server.py, which does not, would
get "Address already in use" until they are gone; left by server.py itself,
they block every new server for that minute.

Exit status (like grep, so scripts can write "tp1 port --tcp 7999 && tp1 serve"):
  0  tp1 serve can listen on the port
  1  a process holds the port (in TCP or UDP, unless --tcp or --udp says
     which), or closed connections block it for a minute, or it could not
     be checked (error on stderr)
  2  usage error: bad PORT or option`;

/** The `tp1 port` subcommand. */
export const portCommand: Command = {
  name: "port",
  usage: USAGE,
  help: HELP,
  async run(args: string[]): Promise<number> {
    const { help, port, protocols } = parsePortArgs(args);
    if (help) {
      console.log(HELP);
      return 0;
    }
    const usage = await findPortSockets(port, {}, protocols);
    if (processHoldsPort(usage)) {
      console.log(renderPortReport(usage));
      return 1;
    }
    if (!isPortInUse(usage)) {
      console.log(renderPortReport(usage));
      return 0;
    }
    // Only sockets no process owns (TIME_WAIT…): whether they block a new server
    // depends on a flag of the program that left them, which /proc does not show.
    const trial = tryListening(port);
    console.log(renderPortReport(usage, trial));
    return trial === "address-in-use" ? 1 : 0;
  },
};

/** Listens on `port` as `tp1 serve` does (every interface, SO_REUSEADDR) and closes at once. */
function tryListening(port: number): ListenTrial | undefined {
  for (const hostname of [ALL_INTERFACES, "0.0.0.0"]) {
    try {
      Deno.listen({ hostname, port, transport: "tcp" }).close();
      return "listens";
    } catch (error) {
      if (error instanceof Deno.errors.AddrInUse) return "address-in-use";
      // No IPv6 on this machine: try IPv4 alone, as tp1 serve does.
      if (!(error instanceof Deno.errors.AddrNotAvailable)) return undefined;
    }
  }
  return undefined;
}

function parsePortArgs(
  args: string[],
): { help: boolean; port: number; protocols: readonly Protocol[] } {
  const { values, positionals } = parseStrictly(args);
  // Both flags, or neither, mean both protocols.
  const protocols: Protocol[] = values.tcp === values.udp
    ? ["tcp", "udp"]
    : values.tcp
    ? ["tcp"]
    : ["udp"];
  if (values.help) return { help: true, port: DEFAULT_PORT, protocols };
  if (positionals.length > 1) {
    throw new UsageError(
      `expected at most one PORT, got ${positionals.map((p) => JSON.stringify(p)).join(" ")}`,
      USAGE,
    );
  }
  if (positionals.length === 0) return { help: false, port: DEFAULT_PORT, protocols };
  try {
    return { help: false, port: parsePortNumber(positionals[0]), protocols };
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.message, USAGE);
    throw error;
  }
}

function parseStrictly(args: string[]) {
  return parseOptions(args, {
    tcp: { type: "boolean" },
    udp: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  }, USAGE);
}
