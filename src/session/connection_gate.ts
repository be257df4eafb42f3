/**
 * What every new connection passes before it reaches the room or the pipe:
 * the TLS handshake (with `--tls`), the address rules (`--allow`/`--deny`), and
 * the password (`--password`). A refused client reads one line saying why; the
 * operator's log says who was refused and for what.
 */
import { judgeAddress } from "../access/access_policy.ts";
import { FailureThrottle } from "../auth/failure_throttle.ts";
import { askPassword } from "../auth/password_exchange.ts";
import type { AccessPolicy } from "../access/access_policy.ts";
import { formatHostPort, fromNetAddr, unmapIpv4 } from "../core/host_port.ts";
import { startTlsServer } from "../tls/start_tls_server.ts";
import { TlsHandshakeError } from "../tls/tls_errors.ts";
import { refuseConnection } from "./refuse_connection.ts";

/** The server's certificate and key, and how clients can recognise it. */
export interface ServerTls {
  readonly cert: string;
  readonly key: string;
  readonly fingerprint: string;
  /** True when made at start-up (no --cert): clients must pin its fingerprint. */
  readonly generated: boolean;
}

/** Everything the gate in front of the room needs. */
export interface ServerSecurity {
  readonly tls?: ServerTls;
  readonly access: AccessPolicy;
  readonly password?: string;
}

/** Sent in plain text to a client that does not speak TLS to a `--tls` server. */
export const TLS_ONLY_REPLY =
  "* this server only speaks TLS: connect with tp1 connect --tls (or ncat --ssl)\n";

/** The checks a server applies to newcomers, with the memory they need. */
export class ConnectionGate {
  readonly #security: ServerSecurity;
  readonly #throttle = new FailureThrottle();
  readonly #log: (line: string) => void;
  readonly #handshakeTimeoutMs: number;

  /** @param log where refusals are reported (the operator's screen, or stderr when piped) */
  constructor(security: ServerSecurity, log: (line: string) => void, handshakeTimeoutMs = 10_000) {
    this.#security = security;
    this.#log = log;
    this.#handshakeTimeoutMs = handshakeTimeoutMs;
  }

  /** Whether any check is configured at all (otherwise `admit` returns `conn` unchanged). */
  get isOpen(): boolean {
    const { tls, access, password } = this.#security;
    return !tls && access.allow.length === 0 && access.deny.length === 0 && password === undefined;
  }

  /**
   * Runs the checks; the (possibly TLS-wrapped) connection, or undefined when
   * refused. Never rejects: one newcomer's failure must not stop the server.
   */
  async admit(tcp: Deno.TcpConn): Promise<Deno.TcpConn | undefined> {
    try {
      return await this.#check(tcp);
    } catch (error) {
      const address = formatHostPort(fromNetAddr(tcp.remoteAddr));
      this.#log(`* could not admit ${address}: ${error instanceof Error ? error.message : error}`);
      closeQuietly(tcp);
      return undefined;
    }
  }

  async #check(tcp: Deno.TcpConn): Promise<Deno.TcpConn | undefined> {
    const address = formatHostPort(fromNetAddr(tcp.remoteAddr));
    const ip = unmapIpv4(tcp.remoteAddr.hostname);
    let conn: Deno.TcpConn = tcp;
    const { tls, access, password } = this.#security;
    if (tls) {
      try {
        conn = await startTlsServer(tcp, {
          cert: tls.cert,
          key: tls.key,
          handshakeTimeoutMs: this.#handshakeTimeoutMs,
          plaintextReply: TLS_ONLY_REPLY,
        });
      } catch (error) {
        if (!(error instanceof TlsHandshakeError)) throw error;
        this.#log(`* refused ${address}: ${error.message}`);
        return undefined;
      }
    }
    const verdict = judgeAddress(access, ip);
    if (!verdict.allowed) {
      this.#log(`* refused ${address}: ${verdict.because}`);
      await refuseConnection(
        conn,
        `* sorry, ${ip} is not allowed to connect to this server; ask its operator`,
      );
      return undefined;
    }
    if (password !== undefined) {
      const answer = await askPassword(conn, password, ip, this.#throttle).catch(() =>
        "no-answer" as const
      );
      if (answer !== "accepted") {
        this.#log(
          `* refused ${address}: ${answer === "wrong" ? "wrong password" : "no password given"}`,
        );
        closeQuietly(conn);
        return undefined;
      }
    }
    return conn;
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}
