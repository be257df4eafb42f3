/**
 * The command-line side of `--udp`: the options that make sense only over TCP
 * are usage errors that say why, and the UDP-only ones are refused without `--udp`.
 */
import { UsageError } from "../errors.ts";

/** Why each TCP-only option has no meaning for UDP. */
const TCP_ONLY: Record<string, string> = {
  tls: "TLS runs over a connection, and UDP has none (tp1 does not speak DTLS)",
  cert: "TLS runs over a connection, and UDP has none (tp1 does not speak DTLS)",
  key: "TLS runs over a connection, and UDP has none (tp1 does not speak DTLS)",
  ca: "TLS runs over a connection, and UDP has none (tp1 does not speak DTLS)",
  fingerprint: "TLS runs over a connection, and UDP has none (tp1 does not speak DTLS)",
  insecure: "TLS runs over a connection, and UDP has none (tp1 does not speak DTLS)",
  password:
    "a password is checked once at the start of a connection, and UDP has none; use --allow to choose who may send",
  "password-file":
    "a password is checked once at the start of a connection, and UDP has none; use --allow to choose who may send",
  chat:
    "the chat room relays lines between connected clients; with --udp, /all answers every peer heard from",
  "max-clients": "UDP has no clients to count, only datagrams",
  "max-line": "a datagram is taken whole (up to 65,507 bytes), not cut into lines",
  once: "UDP peers never arrive or leave: nothing tells the server a client is done",
  "keep-open": "a UDP server already takes datagrams from everyone, one after the other",
  idle: "there is no connection to close after a silence",
  wait: "UDP sends without any handshake, so there is no server to wait for",
  timeout: "UDP sends without any handshake, so connecting cannot take long",
};

/** Refuses, with the reason, the first TCP-only option given with `--udp`. */
export function refuseTcpOnlyOptions(
  values: Readonly<Record<string, unknown>>,
  usage: string,
): void {
  for (const name of Object.keys(values)) {
    const why = TCP_ONLY[name];
    if (why !== undefined && values[name] !== undefined) {
      throw new UsageError(`--${name} does not go with --udp: ${why}`, usage);
    }
  }
}

/** Refuses UDP-only options (`--broadcast`, `--linger`) given without `--udp`. */
export function refuseUdpOnlyOptions(
  values: Readonly<Record<string, unknown>>,
  usage: string,
): void {
  for (const name of ["broadcast", "linger"]) {
    if (values[name] !== undefined) {
      throw new UsageError(`--${name} is for UDP: add --udp`, usage);
    }
  }
}
