/** English: sockets — why a connection or a listen failed and what to do, name lookups, accept trouble. */

/** The sentences of src/net/. */
export const netEn = {
  refused: (where: string, port: number) =>
    `nobody is listening on ${where} (connection refused); start the server there with: tp1 serve -p ${port}`,
  timedOut: (where: string, seconds: number | undefined) =>
    `no answer from ${where}${
      seconds ? ` after ${seconds} s` : ""
    } (connection timed out); check the address, and that a firewall does not drop the packets`,
  unreachable: (where: string) =>
    `${where} cannot be reached (no route to host); check the address and that both machines are on the same network`,
  resetWhileOpening: (where: string) =>
    `${where} reset the connection while it was being opened; is it really a tp1 server?`,
  couldNotConnect: (where: string, detail: string) => `could not connect to ${where}: ${detail}`,
  connectTimedOut: (where: string) => `connecting to ${where} timed out`,
  portInUseBy: (port: number, holder: string) =>
    `port ${port} is already in use: ${holder}; or pick another port with -p`,
  portInUse: (port: number) =>
    `port ${port} is already in use; run "tp1 port ${port}" to see by whom, or pick another port with -p`,
  privilegedPort: (port: number) =>
    `port ${port} is below 1024 and only root may listen on it; run with sudo or pick a port from 1024 up with -p`,
  notLocalAddress: (host: string) =>
    `${host} is not an address of this machine; leave out --host to listen on every interface`,
  couldNotListen: (where: string, detail: string) => `could not listen on ${where}: ${detail}`,
  unknownHost: (host: string) =>
    `unknown host "${host}": the name does not resolve; check the spelling or use an IP address`,
  noDnsAnswer: (host: string) =>
    `could not look up "${host}": no DNS server answered (a temporary failure); use the ` +
    "server's IP address instead (ip -4 addr on the server shows it), or check the " +
    "network settings (/etc/resolv.conf) and try again",
  lookupFailed: (host: string, detail: string) =>
    `could not look up "${host}" (${detail}); use the server's IP address ` +
    "instead (ip -4 addr on the server shows it)",
  cannotAccept: (cause: string) =>
    `cannot accept new connections: ${cause}; they wait in the queue and are ` +
    `taken as soon as descriptors free up`,
  acceptingAgain: (seconds: string) =>
    `accepting connections again (they could not be accepted for ${seconds} s)`,
  tooManyFiles: "this process has too many open files (EMFILE; ulimit -n raises the limit)",
  systemTooManyFiles: "the system has too many open files (ENFILE)",
  shortOfMemory: (code: string) => `the system is short of memory (${code})`,
  /** A piped connection that ends badly (src/pipe/pipe_connection.ts). */
  closedBeforeInputSent: "the peer closed the connection before all of standard input was sent",
  resetAfter: (bytes: number) => `connection reset by peer after ${bytes} bytes were received`,
};
