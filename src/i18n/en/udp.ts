/** English: UDP (--udp): serve, connect and port over datagrams. */
import { plural } from "../plural.ts";

const noDtls = "TLS runs over a connection, and UDP has none (tp1 does not speak DTLS)";
const noPassword = "a password is checked once at the start of a connection, and UDP has none";
const noPasswordServe = `${noPassword}; use --allow to choose who may send`;
const noHandshakeWait = "UDP sends without any handshake, so there is no server to wait for";

/** The udp messages: the usage errors of --udp, the banners, the prompt's lines, the errors. */
export const udpEn = {
  /** `1 datagram`, `2 datagrams`. */
  datagrams: (n: number) => `${n} ${plural("en", n, "datagram", "datagrams")}`,
  /** `1 byte`, `2 bytes`. */
  bytes: (n: number) => `${n} ${plural("en", n, "byte", "bytes")}`,
  /** `1 peer`, `2 peers`. */
  peers: (n: number) => `${n} ${plural("en", n, "peer", "peers")}`,
  /** A datagram on a terminal: "from" is the lab's word (client.py's "from server:"). */
  datagramLine: (from: string, size: string, text: string) => `from ${from} (${size}): ${text}`,
  usage: {
    tcpOnly: (option: string, why: string) => `--${option} does not go with --udp: ${why}`,
    udpOnly: (option: string) => `--${option} is for UDP: add --udp`,
    why: {
      tls: noDtls,
      cert: noDtls,
      key: noDtls,
      ca: noDtls,
      fingerprint: noDtls,
      insecure: noDtls,
      password: noPasswordServe,
      "password-file": noPasswordServe,
      chat:
        "the chat room relays lines between connected clients; with --udp, /all answers every peer heard from",
      "max-clients": "UDP has no clients to count, only datagrams",
      "max-line": "a datagram is taken whole (up to 65,507 bytes), not cut into lines",
      once: "UDP peers never arrive or leave: nothing tells the server a client is done",
      "keep-open": "a UDP server already takes datagrams from everyone, one after the other",
      idle: "there is no connection to close after a silence",
      wait: noHandshakeWait,
      timeout: "UDP sends without any handshake, so connecting cannot take long",
      record:
        "a transcript follows a TCP connection (opening, lines, closing) and UDP has none; copy the screen into your report instead",
    } as Record<string, string>,
    /** The reasons that differ for tp1 connect, which has no --allow. */
    whyConnect: {
      password: noPassword,
      "password-file": noPassword,
    } as Record<string, string>,
    noIpv6Broadcast:
      "IPv6 has no broadcast (it uses multicast instead); give an IPv4 broadcast address such as 192.168.100.255",
    needsBroadcast: (host: string) =>
      `${host} is a broadcast address (every machine on its network gets the datagrams), ` +
      "and the system sends there only when asked to: add --broadcast",
  },
  needsFfi: "UDP needs the C library's socket calls, which Deno allows only with --allow-all " +
    '(or --allow-ffi); run "deno run --allow-all main.ts …"',
  needsLibc: (detail: string) => `UDP needs Linux's C library (libc.so.6): ${detail}`,
  portInUseBy: (port: number, holder: string) =>
    `UDP port ${port} is already in use: ${holder}; or pick another port with -p`,
  portInUse: (port: number) =>
    `UDP port ${port} is already in use; run "tp1 port --udp ${port}" to see by whom, or pick another port with -p`,
  privilegedPort: (port: number) =>
    `UDP port ${port} is below 1024 and only root may use it; run with sudo or pick a port from 1024 up with -p`,
  notLocalAddress: (host: string) =>
    `${host} is not an address of this machine; leave out --host to listen on every interface`,
  couldNotListen: (where: string, detail: string) => `could not listen on UDP ${where}: ${detail}`,
  cannotSend: (where: string, detail: string) => `cannot send to UDP ${where}: ${detail}`,
  failed: (where: string, detail: string) => `UDP ${where}: ${detail}`,
  /** The ICMP "port unreachable" answer, with what to do when `advise`. */
  nobodyListening: (where: string, advise: boolean) =>
    `nobody is listening on UDP ${where} (its machine answered "port unreachable")` +
    (advise ? "; start the server there, or check the port" : ""),
  errors: {
    "port-unreachable": "port unreachable",
    "not-permitted": "permission denied",
    "too-big": "message too long",
    "address-in-use": "address in use",
    "address-not-available": "address not available",
    "network-unreachable": "no route to the network or host",
    other: "failed",
  } as Record<string, string>,
  clientBanner: (to: string, from: string) =>
    `tp1 UDP client — datagrams go to ${to}, from ${from}`,
  clientBroadcastBanner: (to: string, port: number) =>
    `tp1 UDP client — datagrams go to the broadcast address ${to} (every machine on ` +
    `its network), from port ${port}`,
  clientNoConnection: [
    "UDP has no connection: nothing says whether a server is there (send something",
    "and see), datagrams can be lost or arrive out of order, and nothing says when",
    "the other side leaves.",
    `type a line to send it as one datagram; "exit", Ctrl-D or Ctrl-C leaves`,
  ],
  notSent: (why: string) => `* not sent: ${why}`,
  sending: (to: string, from: string) => `sending to UDP ${to} from ${from}`,
  clientDone: (sent: string, sentBytes: string, received: string, receivedBytes: string) =>
    `done: sent ${sent} (${sentBytes}), received ${received} (${receivedBytes})`,
  serverBanner: "tp1 UDP server",
  serverNoConnection: [
    "UDP has no connection: a peer is known only once its first datagram arrives, and",
    "nothing says when it leaves; datagrams can be lost or arrive out of order.",
    "type a line to answer the peer heard from last; /to ADDR:PORT, /all, /who, /help",
    `"exit", Ctrl-D or Ctrl-C stops the server`,
  ],
  listeningEverywhere: (port: number, addresses: string) =>
    `listening on UDP port ${port}, every interface (${addresses})`,
  listeningOn: (where: string) => `listening on UDP ${where}`,
  everyAddress: "0.0.0.0 and [::]",
  reachAt: (addresses: readonly string[]) => ` — reach it at ${addresses.join(" or ")}`,
  notSentTo: (to: string, detail: string) => `* not sent to ${to}: ${detail}`,
  serverStopped: "* server stopped",
  couldNotSendTo: (to: string, detail: string) => `could not send to ${to}: ${detail}`,
  firstDatagram: (from: string) => `first datagram from ${from}`,
  moreSenders: (n: number) =>
    `${n} senders named already: the next ones are counted in the closing line, not named`,
  stdoutStalled: (bytes: string) =>
    `stopping, but standard output is not taking the last ${bytes} received: ` +
    "Ctrl-C again to leave without them",
  droppedByKernel: (datagrams: string) =>
    `the kernel dropped ${datagrams} that came faster than they were taken ` +
    "(UDP has no flow control: nothing slows the sender down)",
  notWritten: (bytes: string) =>
    `left without writing the last ${bytes} received (standard output was not reading)`,
  serverDone: (
    received: string,
    receivedBytes: string,
    peers: string,
    sent: string,
    sentBytes: string,
  ) => `done: received ${received} (${receivedBytes}) from ${peers}, sent ${sent} (${sentBytes})`,
  operatorHelp: [
    "* a plain line goes to the peer heard from last (as one datagram)",
    "* /to ADDR:PORT text   to one peer, e.g. /to 192.168.100.5:51234 salut",
    "* /all text            to every peer heard from in the last 10 minutes",
    "* /who                 the peers heard from, and when",
    '* //text sends "/text"; "exit", Ctrl-D or Ctrl-C stops the server',
  ],
  allNeedsText: "* /all needs a text: /all text",
  toNeedsPeer: (command: string) => `* /${command} needs a peer and a text: /to ADDR:PORT text`,
  unknownCommand: (command: string) =>
    `* unknown command /${command}: /help lists them (//${command} sends the line as it is)`,
  noPeersYet: "* no datagram received yet: peers appear here when they send one",
  peersHeader: (n: number) =>
    `* ${n} ${plural("en", n, "peer", "peers")} heard from ` +
    "(UDP has no connection: a peer may have left without a word):",
  peerLine: (ago: string, datagrams: string, bytes: string) =>
    `last heard ${ago}, ${datagrams}, ${bytes}`,
  morePeers: (n: number) => `  … and ${n} more`,
  justNow: "just now",
  secondsAgo: (s: number) => `${s} s ago`,
  minutesAgo: (m: number) => `${m} min ago`,
  hoursAgo: (h: number) => `${h} h ago`,
  dropped: (from: string, because: string, address: string) =>
    `* dropped a datagram from ${from} (${because}); ` +
    `later ones from ${address} are dropped without a word`,
  droppedTooMany: (n: number) =>
    `* ${n} refused addresses named already: datagrams from other refused ones ` +
    "are dropped without a word",
  nobodyToAnswer: "* not sent: nobody to answer yet. UDP has no connection, so a peer is known " +
    "only once it sends a datagram (then a plain line answers it)",
  noSuchPeer: (peer: string) =>
    `* no peer ${peer} heard from: /who lists them (ADDR:PORT, e.g. 192.168.100.5:51234)`,
  noRecentPeer: "* not sent: no peer heard from in the last 10 minutes (/who lists them)",
  sentTo: (names: string, bytes: number, each: boolean) =>
    `* to ${names} (${bytes} bytes${each ? " each" : ""})`,
};
