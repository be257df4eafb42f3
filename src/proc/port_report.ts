/**
 * Renders a `PortUsage` for people: the aligned socket table and advice of
 * `tp1 port`, and the one-sentence holder description that `serve` prints when
 * its port is taken. Pure: text in, text out.
 */
import type { SocketEndpoint } from "./proc_net_tcp.ts";
import {
  type HiddenOwners,
  holdsPort,
  portHolders,
  type PortSocket,
  type PortUsage,
} from "./port_socket.ts";

// Checked on Linux 6.18: Deno sets SO_REUSEADDR on listeners, yet the kernel lets a
// new listener share the port with a TIME_WAIT socket only if the socket that left it
// had SO_REUSEADDR too. After a `tp1 serve` it does; after a plain Python socket
// server it does not, and Deno.listen fails with AddrInUse until TIME_WAIT ends.
const TIME_WAIT_REUSE = [
  "TIME_WAIT left by an earlier `tp1 serve` does not stop a new one (Deno sets",
  "SO_REUSEADDR); left by a program that did not set it, it blocks the port for ~60 s.",
].join("\n");

// Why a live socket (inode != 0) has no known process, by what the scan could read.
const UNSEEN_BECAUSE: Record<HiddenOwners, string> = {
  "need-root": "another user's process holds it;\nonly root can see which",
  "denied-to-root":
    "the kernel hides its process even from root\n(a protected or sandboxed process)",
  "none": "its process has just exited or runs in another container",
};

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
export function renderPortReport(usage: PortUsage, trial?: ListenTrial): string {
  const { port, sockets } = usage;
  if (sockets.length === 0) {
    const names = (usage.protocols ?? ["tcp"]).map((p) => p.toUpperCase()).join(" or ");
    return `Port ${port} is free: no ${names} socket on this machine uses it.`;
  }
  const inUse = sockets.some((s) => holdsPort(s, port));
  if (inUse && !processHoldsPort(usage)) return renderOwnerless(usage, trial);
  const verdict = inUse
    ? `Port ${port} is in use:`
    : `Port ${port} is free: no socket on this machine has it as its local port.\n` +
      `These sockets have it as their remote port:`;
  const sections = [verdict, renderTable(sockets), notes(usage).join("\n")];
  if (inUse) sections.push(howToFree(usage).join("\n"));
  return sections.filter((s) => s !== "").join("\n\n");
}

/** The report when no process holds the port, only sockets left over from closed connections. */
function renderOwnerless(usage: PortUsage, trial: ListenTrial | undefined): string {
  const { port, sockets } = usage;
  const holding = sockets.filter((s) => holdsPort(s, port));
  const states = [...new Set(holding.map((s) => s.state))].join(", ");
  const one = holding.length === 1;
  const them = one ? "it" : "them";
  const table = renderTable(sockets);
  const gone = `No process holds port ${port}: the ${states} ${one ? "socket" : "sockets"} below ` +
    `${one ? "is" : "are"} what is left of ${one ? "a closed connection" : "closed connections"};` +
    `\nthe kernel removes ${them} by ` +
    "itself within about 60 s.";
  if (trial === "address-in-use") {
    return [
      `Port ${port} is blocked for about 60 s more, even for tp1 serve.`,
      table,
      `${gone}\n${one ? "It was" : "They were"} left by a program that did not set SO_REUSEADDR ` +
      `(such as the lab's\nserver.py), so until ${one ? "it is" : "they are"} gone every new ` +
      `server gets "Address already in use".\n` +
      `Wait a minute, or use another port: tp1 serve -p ${port === 8000 ? 8001 : 8000}`,
    ].join("\n\n");
  }
  return [
    `Port ${port} is free for tp1 serve${
      trial === "listens" ? " (checked by listening on it)" : ""
    }.`,
    table,
    `${gone}\ntp1 serve can listen beside ${them} (it sets SO_REUSEADDR); the lab's server.py,\n` +
    `which does not, would get "Address already in use" until ${one ? "it is" : "they are"} ` +
    "gone, about 60 s.",
  ].join("\n\n");
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
    switch (usage.hiddenOwners) {
      case "need-root":
        return `held by a process of user ${users} that only root can see — run: sudo tp1 port ${usage.port}`;
      case "denied-to-root":
        return `held by a process of user ${users} that the kernel hides even from root`;
      case "none":
        return `held by a socket of user ${users} whose process could not be found`;
    }
  }
  if (relevant.every((s) => s.state === "TIME_WAIT")) {
    return "held only by TIME_WAIT sockets, which belong to no process and disappear by themselves within about 60 s — wait a minute and try again";
  }
  return "held by connections that no process owns any more; the kernel closes them by itself";
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
      "TIME_WAIT sockets belong to no process: the kernel keeps them about 60 s\n" +
        "after a connection closes, then removes them by itself.",
    );
  }
  if (ownerless.some((s) => s.inode === 0 && s.state !== "TIME_WAIT")) {
    lines.push(
      "Other rows without a PID are connections no program has accepted yet, or\n" +
        "has already closed; the kernel finishes them by itself.",
    );
  }
  if (ownerless.some((s) => s.inode !== 0)) {
    lines.push(`A PID of "-" on a live socket means ${UNSEEN_BECAUSE[usage.hiddenOwners]}.`);
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
    lines.push(unseenHolderAdvice(usage, holders.length > 0));
  }
  if (holding.some((s) => s.state === "TIME_WAIT")) lines.push(TIME_WAIT_REUSE);
  return lines;
}

// What to do about holders whose process is unknown, beside any `kill` lines already given.
function unseenHolderAdvice({ port, hiddenOwners }: PortUsage, othersKnown: boolean): string {
  switch (hiddenOwners) {
    case "need-root":
      return othersKnown
        ? `Other holders belong to other users; see their pids with: sudo tp1 port ${port}`
        : `To free port ${port}, first see the holder's pid with: sudo tp1 port ${port}`;
    case "denied-to-root":
      return `${
        othersKnown ? "Other holders" : "The holder"
      } could not be identified, even as root.`;
    case "none":
      return `${
        othersKnown ? "Other holders' processes" : "The holder's process"
      } could not be found; try again in a moment.`;
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

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
