/**
 * Renders a `PortUsage` for people: the aligned socket table and advice of
 * `tp1 port`, and the one-sentence holder description that `serve` prints when
 * its port is taken. Pure: text in, text out.
 */
import type { SocketEndpoint } from "./proc_net_tcp.ts";
import { type Messages, t } from "../i18n/catalogue.ts";
import { holdsPort, portHolders, type PortSocket, type PortUsage } from "./port_socket.ts";

// Checked on Linux 6.18: Deno sets SO_REUSEADDR on listeners, yet the kernel lets a
// new listener share the port with a TIME_WAIT socket only if the socket that left it
// had SO_REUSEADDR too. After a `tp1 serve` it does; after a plain Python socket
// server it does not, and Deno.listen fails with AddrInUse until TIME_WAIT ends
// (the catalogue's `port.timeWaitReuse` says so).

/**
 * Whether a new `tp1 serve` could listen on a port that only ownerless sockets
 * use (TIME_WAIT, FIN_WAIT…), found by trying: the kernel lets it share the
 * port only when the program that left them had set SO_REUSEADDR too.
 */
export type ListenTrial = "listens" | "address-in-use";

/**
 * True when a process holds the port: one of its sockets has the port as local
 * port, or a live socket does whose process is hidden from us. Ownerless sockets
 * (TIME_WAIT, FIN_WAIT… after a close) do not count: no `kill` frees them.
 */
export function processHoldsPort(usage: PortUsage): boolean {
  return usage.sockets.some((s) =>
    holdsPort(s, usage.port) && (s.owners.length > 0 || s.inode !== 0)
  );
}

/**
 * Renders the full `tp1 port` report: a verdict line, the socket table, notes
 * and how to free the port. `trial` is what trying to listen found, when only
 * ownerless sockets use the port.
 */
export function renderPortReport(
  usage: PortUsage,
  trial?: ListenTrial,
  m: Messages = t(),
): string {
  const { port, sockets } = usage;
  if (sockets.length === 0) {
    return m.port.free(port, (usage.protocols ?? ["tcp"]).map((p) => p.toUpperCase()));
  }
  const inUse = sockets.some((s) => holdsPort(s, port));
  if (inUse && !processHoldsPort(usage)) return renderOwnerless(usage, trial, m);
  const verdict = inUse ? inUseVerdict(usage, m) : m.port.freeButRemote(port);
  const sections = [verdict, renderTable(sockets), notes(usage, m).join("\n")];
  if (inUse) sections.push(howToFree(usage, m).join("\n"));
  return sections.filter((s) => s !== "").join("\n\n");
}

/**
 * "Port 7999 is in use:", or, when TCP was looked at too and only UDP sockets hold the port,
 * says so: a UDP server does not stop tp1 serve, which listens over TCP.
 */
function inUseVerdict(usage: PortUsage, m: Messages): string {
  const { port, sockets, protocols = ["tcp"] } = usage;
  const holding = sockets.filter((s) => holdsPort(s, port));
  const udpOnly = protocols.includes("tcp") && holding.every((s) => s.protocol === "udp");
  return udpOnly ? m.port.inUseUdpOnly(port) : m.port.inUse(port);
}

/** The report when no process holds the port, only sockets left over from closed connections. */
function renderOwnerless(usage: PortUsage, trial: ListenTrial | undefined, m: Messages): string {
  const { port, sockets } = usage;
  const holding = sockets.filter((s) => holdsPort(s, port));
  const states = [...new Set(holding.map((s) => s.state))].join(", ");
  const table = renderTable(sockets);
  const gone = m.port.leftOver(port, states, holding.length);
  if (trial === "address-in-use") {
    return [
      m.port.blocked(port),
      table,
      `${gone}\n${m.port.blockedWhy(holding.length, port === 8000 ? 8001 : 8000)}`,
    ].join("\n\n");
  }
  return [
    m.port.freeForServe(port, trial === "listens"),
    table,
    `${gone}\n${m.port.freeForServeWhy(holding.length)}`,
  ].join("\n\n");
}

/**
 * Says in one sentence who holds the port, e.g.
 * `held by pid 1234 (python3, user root) — stop it with: kill 1234`;
 * undefined when no socket on this machine has it as its local port.
 */
export function describeHolders(usage: PortUsage, m: Messages = t()): string | undefined {
  const holding = usage.sockets.filter((s) => holdsPort(s, usage.port));
  if (holding.length === 0) return undefined;
  // The listener is what makes a new listen() fail; its connections are beside the point.
  const listening = holding.filter((s) => s.state === "LISTEN");
  const relevant = listening.length > 0 ? listening : holding;
  const holders = portHolders({ ...usage, sockets: relevant });
  if (holders.length > 0) {
    const names = holders.map(({ process, user }) =>
      m.port.holderName(process.pid, process.command, user)
    );
    const pids = holders.map(({ process }) => process.pid).join(" ");
    return m.port.heldBy(names, pids);
  }
  const unseen = relevant.filter((s) => s.inode !== 0);
  if (unseen.length > 0) {
    const users = [...new Set(unseen.map((s) => s.user ?? "?"))];
    switch (usage.hiddenOwners) {
      case "need-root":
        return m.port.heldNeedRoot(users, usage.port);
      case "denied-to-root":
        return m.port.heldDeniedToRoot(users);
      case "none":
        return m.port.heldNoProcess(users, unseen.length);
    }
  }
  if (relevant.every((s) => s.state === "TIME_WAIT")) return m.port.heldTimeWait;
  return m.port.heldOrphans;
}

function renderTable(sockets: readonly PortSocket[]): string {
  const rows = [["PROTO", "STATE", "LOCAL", "REMOTE", "PID", "COMMAND", "USER"]];
  for (const socket of sockets) {
    const cells = [
      socket.protocol ?? "tcp",
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

function notes(usage: PortUsage, m: Messages): string[] {
  const { port, sockets } = usage;
  const lines: string[] = [];
  if (
    sockets.some((s) => !holdsPort(s, port)) &&
    sockets.some((s) => holdsPort(s, port))
  ) {
    lines.push(m.port.clientRows(port));
  }
  const ownerless = sockets.filter((s) => s.owners.length === 0);
  if (ownerless.some((s) => s.state === "TIME_WAIT")) {
    lines.push(m.port.timeWaitNote);
  }
  if (ownerless.some((s) => s.inode === 0 && s.state !== "TIME_WAIT")) {
    lines.push(m.port.orphanNote);
  }
  if (ownerless.some((s) => s.inode !== 0)) {
    lines.push(m.port.unseenNote(m.port.unseenBecause[usage.hiddenOwners]));
  }
  return lines;
}

function howToFree(usage: PortUsage, m: Messages): string[] {
  const { port, sockets } = usage;
  const lines: string[] = [];
  const holders = portHolders(usage);
  if (holders.length > 0) {
    lines.push(m.port.toFree(port, holders.length));
    const commands = holders.map(({ process }) => `  kill ${process.pid}`);
    const width = Math.max(...commands.map((c) => c.length));
    holders.forEach(({ process, user }, i) => {
      const who = m.port.killComment(process.command, user);
      lines.push(`${commands[i].padEnd(width)}  # ${who}`);
    });
  }
  const holding = sockets.filter((s) => holdsPort(s, port));
  if (holding.some((s) => s.inode !== 0 && s.owners.length === 0)) {
    lines.push(unseenHolderAdvice(usage, holders.length > 0, m));
  }
  if (holding.some((s) => s.state === "TIME_WAIT")) lines.push(m.port.timeWaitReuse);
  return lines;
}

// What to do about holders whose process is unknown, beside any `kill` lines already given.
function unseenHolderAdvice(
  { port, hiddenOwners }: PortUsage,
  othersKnown: boolean,
  m: Messages,
): string {
  switch (hiddenOwners) {
    case "need-root":
      return othersKnown ? m.port.othersNeedRoot(port) : m.port.holderNeedRoot(port);
    case "denied-to-root":
      return m.port.unidentified(othersKnown);
    case "none":
      return m.port.notFound(othersKnown);
  }
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
