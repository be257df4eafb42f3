/** English: tp1 connect's own messages — banner, progress, -v steps, TLS trust, how the session ended. */

/** The local messages of tp1 connect (each client in its own language). */
export const clientEn = {
  connecting: (where: string) => `connecting to ${where}`,
  passwordAccepted: "password accepted",
  connectedTlsHandshake: (where: string) => `connected to ${where}; TLS handshake`,
  connected: (where: string) => `connected to ${where}`,
  done: (sent: number, received: number) => `done: sent ${sent} bytes, received ${received} bytes`,
  idleClosed: (seconds: number) => `no traffic for ${seconds} s (--idle): connection closed`,
  banner: (remote: string, local: string) => `tp1 client — connected to ${remote} from ${local}`,
  bannerHint: `type a line to send it; "exit", Ctrl-D or Ctrl-C leaves`,
  waiting: (where: string, attempt: number, nextInSeconds: string) =>
    `waiting for ${where} to accept connections… ` +
    `attempt ${attempt} failed, next in ${nextInSeconds} s (Ctrl-C to stop)`,
  gaveUpWaiting: (where: string, attempts: number, reason: string) =>
    `gave up waiting for ${where} after ${attempts} attempts: ${reason}`,
  // What a --tls server prints about how clients connect (src/client/client_commands.ts).
  tlsOn: (fingerprint: string) => `TLS on: certificate SHA-256 fingerprint ${fingerprint}`,
  madeForThisRun: (command: string) => `(made for this run) clients connect with: ${command}`,
  clientsConnectWith: (command: string) =>
    `clients connect with: ${command} (or --fingerprint as above)`,
  /** On a narrow terminal, the sentences above end here and the command follows on lines of its own. */
  madeForThisRunTitle: "(made for this run) clients connect with:",
  clientsConnectWithTitle: "clients connect with (or --fingerprint as above):",
  whiteboardTitle: (digits: number) =>
    `or, short enough for a whiteboard (the first ${digits} hex digits):`,
  /** Stands for the server's address in the commands it prints, when it has several. */
  hostPlaceholder: "HOST",
  whiteboard: (digits: number, command: string) =>
    `or, short enough for a whiteboard (the first ${digits} hex digits): ${command}`,
  /** -v: the closing line, `summary` from the common closeSummary. */
  closedSummary: (summary: string) => `* closed: ${summary}`,
  /** The server asked for a password at the prompt: it is typed with echo off. */
  passwordAsked: "* the server asks for a password: type it (it is not shown) and press Enter",
  latePasswordRequest: "* careful: a tp1 server asks for its password only once, as its first " +
    "line, and tp1 then hides what you type; what you type here is shown and sent as a message",
  // The session's end, shown on the prompt screen.
  lineNotSent: "* the connection is closed: that line was not sent",
  resetByServer: "* connection reset by the server",
  serverClosed: "* the server closed the connection",
  idleClosing: (seconds: number) =>
    `* no traffic for ${seconds} s (--idle): closing the connection`,
  serverStoppedReading: (seconds: number) =>
    `* the server read nothing for ${seconds} s: the last lines you typed were not delivered`,
  closed: "* the connection is closed",
  youLeft: "* you left; the connection is closed",
  // -v, step by step.
  stepResolved: (took: string, addresses: string) => `* name resolution: ${took} (${addresses})`,
  stepConnected: (where: string, took: string, local: string) =>
    `* TCP connect (three-way handshake) to ${where}: ${took}, local address ${local}`,
  stepTls: (took: string, version: string | undefined, cipher: string | undefined) =>
    `* TLS handshake: ${took}, ${version ?? "unknown version"}, ${cipher ?? "unknown cipher"}`,
  // What the server's first words said.
  speaksTls: (where: string, command: string) =>
    `${where} speaks TLS: add --tls (and --fingerprint … to pin it), e.g.\n` +
    `  ${command}\n` +
    "which shows the server's fingerprint to compare with the one on its screen",
  passwordRefused: (where: string) =>
    `${where} refused the password; check it with the server's operator ` +
    "(tp1 connect --password asks for it without echo)",
  // TLS trust.
  pinMismatch: (where: string, fingerprint: string, pinned: string) =>
    `the certificate of ${where} has fingerprint ${fingerprint}, which ` +
    `does not start with the pinned ${pinned}; compare again with the server's ` +
    "screen: someone may be intercepting, or the server made a new certificate",
  untrusted: (where: string, reason: string, fingerprint: string, command: string) =>
    `the certificate of ${where} is not trusted (${reason})\n` +
    `its SHA-256 fingerprint is ${fingerprint}\n` +
    `if this is your lab server, check that the server's screen shows that same ` +
    `fingerprint, then connect with:\n` +
    `  ${command}`,
  untrustedOrCa: "\nor give its certificate (e.g. tp1-cert.pem from tp1 cert) with --ca FILE",
  verificationFailed: "verification failed",
  caNotX509: (path: string) =>
    `"${path}" holds a certificate block that is not a readable X.509 certificate: ` +
    "copy the file again from the server (e.g. tp1-cert.pem from tp1 cert)",
  caIsKey: (path: string) =>
    `"${path}" is a private key, not a certificate: give --ca the certificate ` +
    "(e.g. tp1-cert.pem), and keep the key on the server only",
  caNoCertificate: (path: string) =>
    `"${path}" holds no PEM certificate (a "-----BEGIN CERTIFICATE-----" block); ` +
    "give --ca the server's certificate or its CA's, e.g. tp1-cert.pem from tp1 cert",
  caFileWhat: "the --ca file",
  unknown: "unknown",
  trustPinnedPrefix: (prefix: string) => `matches the pinned fingerprint prefix ${prefix}`,
  trustPinned: "matches the pinned fingerprint",
  trustInsecure: "NOT verified (--insecure)",
  trustCa: (files: string) => `verified with --ca ${files}`,
  trustSystem: "verified by the system's CAs",
  tlsLine: (protocol: string, trust: string, fingerprint: string) =>
    `${protocol}, server certificate ${trust}\nserver certificate SHA-256 ${fingerprint}`,
  insecureWarning: (fingerprint: string, command: string) =>
    `tp1: warning: --insecure: the server's certificate was NOT verified, so anyone on the ` +
    `network path could read or change this connection\n` +
    `tp1: the server's certificate has SHA-256 fingerprint ${fingerprint}\n` +
    `tp1: if the server shows the same fingerprint, connect this way next time:\n` +
    `tp1:   ${command}\n`,
};
