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
import { isPasswordRefusal, speaksTlsError, tlsAnswer } from "./server_greeting.ts";

/** A PeerLink for interactive mode whose first lines are watched. */
export class WatchedPeerLink extends PeerLink implements PasswordWatch {
  readonly #target: HostPort;
  #lines = 0;
  #passwordRefused = false;

  constructor(conn: Deno.TcpConn, target: HostPort) {
    super(conn);
    this.#target = target;
  }

  get passwordRefused(): boolean {
    return this.#passwordRefused;
  }

  /** As PeerLink's, but a TLS server's first line rejects with a ServerVerdictError. */
  override receive(onLine: (line: string) => void): Promise<IncomingEnd> {
    return super.receive((line) => {
      if (this.#lines++ === 0 && tlsAnswer(new TextEncoder().encode(`${line}\n`)) === "tls") {
        throw speaksTlsError(this.#target);
      }
      if (this.#lines <= 3 && isPasswordRefusal(line)) this.#passwordRefused = true;
      onLine(line);
    });
  }
}
