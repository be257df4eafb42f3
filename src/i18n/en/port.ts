/**
 * English: tp1 port's report and the one-sentence holder description serve
 * prints. The table's column names (STATE LOCAL REMOTE PID COMMAND USER) and
 * the TCP states are not here: scripts read them, so they never change.
 */

/** Why a live socket's process is not known, by what the scan could read. */
export type HiddenOwnersReason = "need-root" | "denied-to-root" | "none";

/** The sentences of src/proc/port_report.ts. */
export const portEn = {
  free: (port: number, protocols: readonly string[]) =>
    `Port ${port} is free: no ${protocols.join(" or ")} socket on this machine uses it.`,
  inUse: (port: number) => `Port ${port} is in use:`,
  /** Both protocols were looked at, and only UDP sockets hold the port: tp1 serve (TCP) can listen. */
  inUseUdpOnly: (port: number) =>
    `Port ${port} is in use over UDP only; over TCP it is free for tp1 serve:`,
  freeButRemote: (port: number) =>
    `Port ${port} is free: no socket on this machine has it as its local port.\n` +
    `These sockets have it as their remote port:`,
  leftOver: (port: number, states: string, count: number) => {
    const one = count === 1;
    return `No process holds port ${port}: the ${states} ${one ? "socket" : "sockets"} above ` +
      `${one ? "is" : "are"} what is left of ${
        one ? "a closed connection" : "closed connections"
      };` +
      `\nthe kernel removes ${one ? "it" : "them"} by itself within about 60 s.`;
  },
  blocked: (port: number) => `Port ${port} is blocked for about 60 s more, even for tp1 serve.`,
  blockedWhy: (count: number, otherPort: number) => {
    const one = count === 1;
    return `${one ? "It was" : "They were"} left by a program that did not let its port be ` +
      `reused at once\n(such as the lab's server.py), so until ${
        one ? "it is" : "they are"
      } gone every new server gets\n` +
      `"Address already in use".\n` +
      `Wait a minute, or use another port: tp1 serve -p ${otherPort}`;
  },
  freeForServe: (port: number, checked: boolean) =>
    `Port ${port} is free for tp1 serve${checked ? " (checked by listening on it)" : ""}.`,
  freeForServeWhy: (count: number) => {
    const one = count === 1;
    const them = one ? "it" : "them";
    return `tp1 serve can listen beside ${them}: it lets its port be reused at once, as the ` +
      `program\nthat left ${them} did; the lab's server.py, which does not, would get\n` +
      `"Address already in use" until ${one ? "it is" : "they are"} gone, about 60 s.`;
  },
  timeWaitReuse:
    "A TIME_WAIT socket left by an earlier tp1 serve does not stop a new one (tp1 serve lets\n" +
    "its port be reused at once); one left by a program that does not, such as the lab's\n" +
    "server.py, blocks the port for about 60 s.",
  unseenBecause: {
    "need-root": "another user's process holds it;\nonly root can see which",
    "denied-to-root":
      "the kernel hides its process even from root\n(a protected or sandboxed process)",
    "none": "its process has just exited or runs in another container",
  } as Record<HiddenOwnersReason, string>,
  holderName: (pid: number, command: string, user: string | undefined) =>
    `pid ${pid} (${command}${user === undefined ? "" : `, user ${user}`})`,
  heldBy: (names: readonly string[], pids: string) =>
    `held by ${joinWithAnd(names)} — stop ${names.length === 1 ? "it" : "them"} with: kill ${pids}`,
  heldNeedRoot: (users: readonly string[], port: number) =>
    `held by a process of user ${
      joinWithAnd(users)
    } that only root can see — run: sudo tp1 port ${port}`,
  heldDeniedToRoot: (users: readonly string[]) =>
    `held by a process of user ${joinWithAnd(users)} that the kernel hides even from root`,
  heldNoProcess: (users: readonly string[], _sockets: number) =>
    `held by a socket of user ${joinWithAnd(users)} whose process could not be found`,
  heldTimeWait:
    "held only by TIME_WAIT sockets, which belong to no process and disappear by themselves within about 60 s — wait a minute and try again",
  heldOrphans:
    "held by connections that no process owns any more; the kernel closes them by itself",
  clientRows: (port: number) =>
    `Rows whose REMOTE ends in :${port} are clients of the port; they do not hold it.`,
  timeWaitNote: "TIME_WAIT sockets belong to no process: the kernel keeps them about 60 s\n" +
    "after a connection closes, then removes them by itself.",
  orphanNote: "Other rows without a PID are connections no program has accepted yet, or\n" +
    "has already closed; the kernel finishes them by itself.",
  unseenNote: (because: string) => `A PID of "-" on a live socket means ${because}.`,
  toFree: (port: number, count: number) =>
    `To free port ${port}, stop the ${
      count === 1 ? "process that holds" : "processes that hold"
    } it:`,
  killComment: (command: string, user: string | undefined) =>
    user === undefined ? command : `${command}, user ${user}`,
  othersNeedRoot: (port: number) =>
    `Other holders belong to other users; see their pids with: sudo tp1 port ${port}`,
  holderNeedRoot: (port: number) =>
    `To free port ${port}, first see the holder's pid with: sudo tp1 port ${port}`,
  unidentified: (others: boolean) =>
    `${others ? "Other holders" : "The holder"} could not be identified, even as root.`,
  notFound: (others: boolean) =>
    `${
      others ? "Other holders' processes" : "The holder's process"
    } could not be found; try again in a moment.`,
  watching: (port: number, intervalMs: number) =>
    `watching TCP port ${port}: every socket's state changes, read from /proc/net/tcp every ${intervalMs} ms (Ctrl-C stops)`,
};

function joinWithAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
