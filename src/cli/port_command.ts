/**
 * `tp1 port [PORT]`: says whether a TCP port is free or who holds it, replacing
 * the lab steps `netstat -an`, `sudo lsof -i :7999` and `kill PID`.
 */
import type { Command } from "./command.ts";
import { UsageError } from "../errors.ts";
import { parseOptions } from "./parse_options.ts";
import { parsePortNumber } from "../core/port_number.ts";
import { DEFAULT_PORT } from "../core/host_port.ts";
import { findPortSockets } from "../proc/port_holders.ts";
import { type ListenTrial, processHoldsPort, renderPortReport } from "../proc/port_report.ts";
import { ALL_INTERFACES } from "../net/listen.ts";
import { isPortInUse } from "../proc/port_socket.ts";
import { WATCH_INTERVAL_MS, watchPort } from "../proc/socket_watch_loop.ts";

const USAGE = "tp1 port [PORT] [--watch]";

const HELP = `tp1 port — is a TCP port free, and if not, who holds it?

Usage: ${USAGE}

Lists every TCP socket on this machine that uses PORT (default ${DEFAULT_PORT}),
like "netstat -an | grep ${DEFAULT_PORT}" and "sudo lsof -i :${DEFAULT_PORT}" together:
its state (LISTEN, ESTABLISHED, TIME_WAIT, ...), local and remote address, and
the pid, command and user holding it. When the port is taken, it ends with the
"kill PID" command that frees it. Reads /proc, so it works on Linux only.

Options:
      --watch  Watch the port live: each change of its sockets, as it happens,
               with the TCP phase in plain words (see tp1 help port). Ctrl-C stops.
  -h, --help   Show this help.

Example:
  $ tp1 port 7999
  Port 7999 is in use:

  STATE        LOCAL            REMOTE           PID   COMMAND  USER
  LISTEN       0.0.0.0:7999     0.0.0.0:*        4242  python3  alice
  ESTABLISHED  127.0.0.1:7999   127.0.0.1:53116  4242  python3  alice
  ESTABLISHED  127.0.0.1:53116  127.0.0.1:7999   4250  nc       alice

  Rows whose REMOTE ends in :7999 are clients of the port; they do not hold it.

  To free port 7999, stop the process that holds it:
    kill 4242  # python3, user alice

Without root, the pid of other users' processes shows as "-"; use sudo to see
them. Sockets left by closed connections (TIME_WAIT, FIN_WAIT…) belong to no
process and vanish by themselves within about 60 s. tp1 port then tries to
listen on the port: it is free for tp1 serve when the program that left them let
its port be reused at once (it set the socket option SO_REUSEADDR, as tp1 serve
does), though the lab's server.py, which does not, would get "Address already
in use" until they are gone; left by server.py itself, they block every new
server for that minute.

Exit status (like grep, so scripts can write "tp1 port 7999 && tp1 serve"):
  0  tp1 serve can listen on the port
  1  a process holds the port (or closed connections block it for a minute),
     or it could not be checked (error on stderr)
  2  usage error: bad PORT or option`;

/** What `tp1 help port` prints: the short help, and --watch in detail. */
const DETAILS = `${HELP}

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
  use at most about a third of a core. Ctrl-C stops the watch (exit status 0).`;

/** The `tp1 port` subcommand. */
export const portCommand: Command = {
  name: "port",
  usage: USAGE,
  help: HELP,
  details: DETAILS,
  run: async (args) => await runPortPlan(parsePortCommand(args)),
};

/** What `tp1 port` was asked to do: show the help, or check one port. */
export interface PortPlan {
  readonly help: boolean;
  readonly port: number;
  /** `--watch`: follow the port's sockets live instead of reporting once. */
  readonly watch: boolean;
}

/** Carries a {@linkcode PortPlan} out; resolves to the exit code. */
export async function runPortPlan({ help, port, watch }: PortPlan): Promise<number> {
  if (help) {
    console.log(HELP);
    return 0;
  }
  if (watch) return await watchUntilInterrupted(port);
  const usage = await findPortSockets(port);
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
}

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

/** `--watch`: the live view, until Ctrl-C (exit 0). */
async function watchUntilInterrupted(port: number): Promise<number> {
  const stop = new AbortController();
  const onInterrupt = () => stop.abort();
  Deno.addSignalListener("SIGINT", onInterrupt);
  Deno.addSignalListener("SIGTERM", onInterrupt);
  console.log(
    `watching TCP port ${port}: every socket's state changes, read from /proc/net/tcp every ${WATCH_INTERVAL_MS} ms (Ctrl-C stops)`,
  );
  try {
    await watchPort(port, { signal: stop.signal, print: (line) => console.log(line) });
  } catch (error) {
    // No /proc (not Linux) or no right to read it: findPortSockets says so in one sentence.
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.NotFound) {
      await findPortSockets(port);
    }
    throw error;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
    Deno.removeSignalListener("SIGTERM", onInterrupt);
  }
  return 0;
}

/** The arguments of `tp1 port` as a plan; throws a UsageError. Pure. */
export function parsePortCommand(args: string[]): PortPlan {
  const { values, positionals } = parseStrictly(args);
  const watch = values.watch ?? false;
  if (values.help) return { help: true, port: DEFAULT_PORT, watch };
  if (positionals.length > 1) {
    throw new UsageError(
      `expected at most one PORT, got ${positionals.map((p) => JSON.stringify(p)).join(" ")}`,
      USAGE,
    );
  }
  if (positionals.length === 0) return { help: false, port: DEFAULT_PORT, watch };
  try {
    return { help: false, port: parsePortNumber(positionals[0]), watch };
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.message, USAGE);
    throw error;
  }
}

function parseStrictly(args: string[]) {
  return parseOptions(args, {
    watch: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  }, USAGE);
}
