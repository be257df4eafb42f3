/** English: tp1 port --watch, each socket change and the phase of the connection in plain words. */

/** Which end of the connection a socket is. */
export type Side = "server" | "client";

/** The words of src/proc/socket_watch.ts. */
export const watchEn = {
  kernelKeepsIt: "-  (no process: the kernel keeps it)",
  alreadyThere: "already there",
  /** The state column of a socket that has left the table. */
  gone: "gone",
  isNew: "new",
  was: (state: string) => `was ${state}`,
  listens: "the server listens: ready for clients' three-way handshakes",
  synSent: "établissement: the client sent SYN (step 1 of the three-way handshake)",
  synRecv: "établissement: the server got SYN and answered SYN-ACK (step 2 of 3)",
  establishedClient:
    "établissement done on the client's side (SYN-ACK received, ACK sent): transfert can start",
  establishedServer:
    "établissement done on the server's side (the client's ACK arrived): transfert can start",
  finWait1: (side: Side) =>
    `fermeture: the ${side} closed first (sent FIN); it will end in TIME_WAIT`,
  /** FIN_WAIT2 straight after ESTABLISHED: FIN_WAIT1 passed between two readings. */
  finWait2FirstSeen: (side: Side, other: Side) =>
    `fermeture: the ${side} closed first (sent FIN) and the ${other} acknowledged it; ` +
    `the ${side} waits for the ${other}'s FIN`,
  finWait2: (side: Side, other: Side) =>
    `fermeture: the ${other} acknowledged the ${side}'s FIN; the ${side} waits for the ${other}'s FIN`,
  closeWait: (side: Side, other: Side) =>
    `fermeture: the ${side} received the ${other}'s FIN (the ${other} closed first); it closes in turn`,
  lastAck: (side: Side) => `fermeture: the ${side} sent its FIN too and waits for the last ACK`,
  closing: "fermeture: both sides sent FIN at the same time",
  timeWait: (side: Side) =>
    `fermeture: the ${side} closed first, so its end waits in TIME_WAIT (about 60 s) — ` +
    `why the port can still look "in use" after the program stopped`,
  timeWaitOver: "TIME_WAIT over: nothing is left of that connection",
  stoppedListening: "the server stopped listening",
  closedSecond: (side: Side) =>
    `fermeture done on the ${side}'s side: it closed second (its FIN got the last ACK)`,
  endClosed: (side: Side) =>
    `fermeture: the ${side}'s end is closed (the states between passed faster than the readings)`,
  // src/proc/port_holders.ts: when /proc cannot be read.
  needsAllowAll: (port: number) =>
    `cannot look up port ${port}: Deno lets a program read /proc only when it runs with --allow-all, ` +
    `and tp1 was started without it; run "deno run --allow-all main.ts port ${port}" or "sudo lsof -i :${port}" instead.`,
  linuxOnly: (port: number, path: string) =>
    `cannot look up port ${port}: ${path} does not exist, and tp1 port only works on Linux; ` +
    `try "lsof -i :${port}" or "netstat -an" instead.`,
};
