/**
 * `tp1 port [PORT]`: says whether a TCP or UDP port is free or who holds it,
 * replacing the lab steps `netstat -an`, `sudo lsof -i :7999` and `kill PID`.
 */
import { printHelp } from "./print_help.ts";
import { wrapHelp } from "../core/word_wrap.ts";
import { terminalColumns } from "../terminal/terminal_facts.ts";
import { type Command, localizedCommand } from "./command.ts";
import { t } from "../i18n/catalogue.ts";
import { UsageError } from "../errors.ts";
import { parseOptions } from "./parse_options.ts";
import { parsePortNumber } from "../core/port_number.ts";
import { DEFAULT_PORT } from "../core/host_port.ts";
import { findPortSockets } from "../proc/port_holders.ts";
import { type ListenTrial, processHoldsPort, renderPortReport } from "../proc/port_report.ts";
import { ALL_INTERFACES } from "../net/listen.ts";
import { isPortInUse, type Protocol } from "../proc/port_socket.ts";
import { WATCH_INTERVAL_MS, watchPort } from "../proc/socket_watch_loop.ts";

/** The usage line, in the active language (its placeholders too). */
const usageLine = (): string => t().usage.lines.port;

/** The values the help texts show. */
const helpValues = () => ({
  DEFAULT_PORT,
  USAGE: usageLine(),
  WATCH_INTERVAL_MS,
  get HELP(): string {
    return shortHelp();
  },
});

/** What `tp1 port --help` prints, in the active language. */
const shortHelp = (): string => t().help.port.short(helpValues());
/** What `tp1 help port` prints: everything. */
const fullHelp = (): string => t().help.port.details(helpValues());

/** The `tp1 port` subcommand. */
export const portCommand: Command = localizedCommand(
  "port",
  { usage: usageLine, help: shortHelp, details: fullHelp },
  async (args) => await runPortPlan(parsePortCommand(args)),
);

/** What `tp1 port` was asked to do: show the help, or check one port. */
export interface PortPlan {
  readonly help: boolean;
  readonly port: number;
  /** `--watch`: follow the port's sockets live instead of reporting once. */
  readonly watch: boolean;
  /** Which sockets to look at: `--tcp`, `--udp`, or both (neither flag, or both). */
  readonly protocols: readonly Protocol[];
}

/** Carries a {@linkcode PortPlan} out; resolves to the exit code. */
export async function runPortPlan({ help, port, watch, protocols }: PortPlan): Promise<number> {
  if (help) {
    printHelp(shortHelp());
    return 0;
  }
  if (watch) return await watchUntilInterrupted(port);
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
  // On an 80-column terminal a line of 100 would be cut mid-word: break it at spaces instead,
  // continuing under its state (a change) or under its arrow (a phase).
  const columns = terminalColumns(Deno.stdout);
  const fit = (line: string) => columns === undefined ? line : wrapHelp(line, columns);
  console.log(fit(t().port.watching(port, WATCH_INTERVAL_MS)));
  try {
    await watchPort(port, { signal: stop.signal, print: (line) => console.log(fit(line)) });
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
  // Both flags, or neither, mean both protocols.
  const protocols: Protocol[] = values.tcp === values.udp
    ? ["tcp", "udp"]
    : values.tcp
    ? ["tcp"]
    : ["udp"];
  if (values.help) return { help: true, port: DEFAULT_PORT, watch, protocols };
  if (positionals.length > 1) {
    throw new UsageError(
      t().usage.atMostOnePort(positionals),
      usageLine(),
    );
  }
  if (positionals.length === 0) return { help: false, port: DEFAULT_PORT, watch, protocols };
  try {
    return { help: false, port: parsePortNumber(positionals[0]), watch, protocols };
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(error.message, usageLine());
    throw error;
  }
}

function parseStrictly(args: string[]) {
  return parseOptions(args, {
    watch: { type: "boolean" },
    tcp: { type: "boolean" },
    udp: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  }, usageLine());
}
