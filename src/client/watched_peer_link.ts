/**
 * How an interactive `tp1 connect` over plain TCP reads the server: lines, the
 * first of which are watched for what they say (server_greeting.ts): a TLS
 * server ends the session with a ServerVerdictError; a refused password is
 * remembered, to exit 1 at the end. Apart from watched_conn.ts (piped), so a
 * piped start-up does not load the line reader.
 */
import type { HostPort } from "../core/host_port.ts";
import { type IncomingEnd, PeerLink } from "../streams/peer_link.ts";
import type { PasswordWatch } from "./watched_conn.ts";
import {
  isPasswordRefusal,
  speaksTlsError,
  tlsAnswer,
  tlsHintAsksPassword,
} from "./server_greeting.ts";

/** A PeerLink for interactive mode whose first lines are watched. */
export class WatchedPeerLink extends PeerLink implements PasswordWatch {
  readonly #target: HostPort;
  #lines = 0;
  #passwordRefused = false;
  #sent = false;

  constructor(conn: Deno.TcpConn, target: HostPort) {
    super(conn);
    this.#target = target;
  }

  /** A refusal counts only after something was sent: leaving at the password prompt is not one. */
  get passwordRefused(): boolean {
    return this.#passwordRefused && this.#sent;
  }

  override send(text: string): boolean {
    this.#sent = true;
    return super.send(text);
  }

  /** As PeerLink's, but a TLS server's first line rejects with a ServerVerdictError. */
  override receive(onLine: (line: string) => void): Promise<IncomingEnd> {
    return super.receive((line) => {
      const first = this.#lines++ === 0 ? new TextEncoder().encode(`${line}\n`) : undefined;
      if (first && tlsAnswer(first) === "tls") {
        // The hint of a server that also asks for a password says so: the advice adds it.
        throw speaksTlsError(this.#target, tlsHintAsksPassword(first) ? "--password" : undefined);
      }
      if (this.#lines <= 3 && isPasswordRefusal(line)) this.#passwordRefused = true;
      onLine(line);
    });
  }
}
