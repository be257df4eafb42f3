/**
 * Renders a `PortUsage` for people: the aligned socket table and advice of
 * `tp1 port`, and the one-sentence holder description that `serve` prints when
 * its port is taken. Pure: text in, text out.
 */
import type { SocketEndpoint } from "./proc_net_tcp.ts";
import { holdsPort, portHolders, type PortSocket, type PortUsage } from "./port_socket.ts";

// Verified with a control experiment: after a server-side close leaves TIME_WAIT,
// Deno.listen rebinds the port at once while a Python listener without
// SO_REUSEADDR gets EADDRINUSE.
const TIME_WAIT_REUSE =
  "TIME_WAIT alone does not stop `tp1 serve`: Deno sets SO_REUSEADDR on its listeners, " +
  'so it can listen right away; other programs may get "address already in use" until those sockets are gone.';

/** Renders the full `tp1 port` report: a verdict line, the socket table, notes and how to free the port. */
export function renderPortReport(usage: PortUsage): string {
  const { port, sockets } = usage;
  if (sockets.length === 0) {
    return `Port ${port} is free: no TCP socket on this machine uses it.`;
  }
  const inUse = sockets.some((s) => holdsPort(s, port));
  const verdict = inUse
    ? `Port ${port} is in use:`
    : `Port ${port} is free on this machine; these connections go to port ${port} on a peer:`;
  const sections = [verdict, renderTable(sockets), notes(usage).join("\n")];
  if (inUse) sections.push(howToFree(usage).join("\n"));
  return sections.filter((s) => s !== "").join("\n\n");
}

/**
 * Says in one sentence who holds the port, e.g.
 * `held by pid 1234 (python3, user root) — stop it with: kill 1234`;
 * undefined when no socket on this machine has it as its local port.
 */
export function describeHolders(usage: PortUsage): string | undefined {
  const holding = usage.sockets.filter((s) => holdsPort(s, usage.port));
  if (holding.length === 0) return undefined;
  // The listener is what makes a new listen() fail; its connections are beside the point.
  const listening = holding.filter((s) => s.state === "LISTEN");
  const relevant = listening.length > 0 ? listening : holding;
  const holders = portHolders({ ...usage, sockets: relevant });
  if (holders.length > 0) {
    const names = holders.map(({ process, user }) =>
      `pid ${process.pid} (${process.command}${user === undefined ? "" : `, user ${user}`})`
    );
    const pids = holders.map(({ process }) => process.pid).join(" ");
    return `held by ${joinWithAnd(names)} — stop ${
      holders.length === 1 ? "it" : "them"
    } with: kill ${pids}`;
  }
  const unseen = relevant.filter((s) => s.inode !== 0);
  if (unseen.length > 0) {
    const users = joinWithAnd([...new Set(unseen.map((s) => s.user ?? "?"))]);
    return usage.ownersHidden
      ? `held by a process of user ${users} that only root can see — run: sudo tp1 port ${usage.port}`
      : `held by a socket of user ${users} whose process could not be found`;
  }
  if (relevant.every((s) => s.state === "TIME_WAIT")) {
    return "held only by TIME_WAIT sockets, which belong to no process and disappear by themselves within about 60 s";
  }
  return "held by connections that no process owns any more; the kernel closes them by itself";
}

function renderTable(sockets: readonly PortSocket[]): string {
  const rows = [["STATE", "LOCAL", "REMOTE", "PID", "COMMAND", "USER"]];
  for (const socket of sockets) {
    const cells = [
      socket.state,
      formatEndpoint(socket.local),
      formatEndpoint(socket.remote),
    ];
    const user = socket.user ?? "-";
    if (socket.owners.length === 0) rows.push([...cells, "-", "-", user]);
    // A socket shared after fork() gets a row per process, as in lsof, since each must be stopped.
    for (const { pid, command } of socket.owners) {
      rows.push([...cells, String(pid), command, user]);
    }
  }
  return alignColumns(rows);
}

function notes(usage: PortUsage): string[] {
  const { port, sockets } = usage;
  const lines: string[] = [];
  if (
    sockets.some((s) => !holdsPort(s, port)) &&
    sockets.some((s) => holdsPort(s, port))
  ) {
    lines.push(
      `Rows whose REMOTE ends in :${port} are clients of the port; they do not hold it.`,
    );
  }
  const ownerless = sockets.filter((s) => s.owners.length === 0);
  if (ownerless.some((s) => s.state === "TIME_WAIT")) {
    lines.push(
      "TIME_WAIT sockets belong to no process: the kernel keeps them about 60 s after a connection closes, then removes them by itself.",
    );
  }
  if (ownerless.some((s) => s.inode === 0 && s.state !== "TIME_WAIT")) {
    lines.push(
      "Other rows without a PID are connections no program has accepted yet, or has already closed; the kernel finishes them by itself.",
    );
  }
  if (ownerless.some((s) => s.inode !== 0)) {
    lines.push(
      usage.ownersHidden
        ? `A PID of "-" on a live socket means another user's process holds it; run as root (sudo tp1 port ${port}) to see it.`
        : `A PID of "-" on a live socket means its process has just exited or runs in another container.`,
    );
  }
  return lines;
}

function howToFree(usage: PortUsage): string[] {
  const { port, sockets } = usage;
  const lines: string[] = [];
  const holders = portHolders(usage);
  if (holders.length > 0) {
    lines.push(
      `To free port ${port}, stop the ${
        holders.length === 1 ? "process that holds" : "processes that hold"
      } it:`,
    );
    const commands = holders.map(({ process }) => `  kill ${process.pid}`);
    const width = Math.max(...commands.map((c) => c.length));
    holders.forEach(({ process, user }, i) => {
      const who = user === undefined ? process.command : `${process.command}, user ${user}`;
      lines.push(`${commands[i].padEnd(width)}  # ${who}`);
    });
  }
  const holding = sockets.filter((s) => holdsPort(s, port));
  if (holding.some((s) => s.inode !== 0 && s.owners.length === 0)) {
    lines.push(
      usage.ownersHidden
        ? `Some holders are other users' processes: run sudo tp1 port ${port} to see their pids, then kill them.`
        : "Some holders' processes could not be found; run the command again in a moment.",
    );
  }
  if (holding.some((s) => s.state === "TIME_WAIT")) lines.push(TIME_WAIT_REUSE);
  return lines;
}

// [::1]:7999 keeps the port readable after an IPv6 address; "*" is an unset peer port.
function formatEndpoint({ address, port }: SocketEndpoint): string {
  const host = address.includes(":") ? `[${address}]` : address;
  return `${host}:${port === 0 ? "*" : port}`;
}

function alignColumns(rows: readonly string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows
    .map((row) => row.map((cell, col) => cell.padEnd(widths[col])).join("  ").trimEnd())
    .join("\n");
}

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
