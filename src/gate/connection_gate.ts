/**
 * What every new connection passes before it reaches the room or the pipe, in
 * this order: the address rules (`--allow`/`--deny`), the TLS handshake (with
 * `--tls`; without it, a newcomer whose first bytes start a TLS handshake is
 * refused, unless its bytes are data), and the password (`--password`). A
 * refused client reads one line saying why; the operator's log says who was
 * refused and for what. A source that guessed the password wrong too often is
 * turned away at once, before it is asked, and only the first of a run of such
 * refusals is logged; any source refused again and again gets only a few lines
 * a minute (refusal_log.ts).
 */
import { judgeAddress } from "../access/access_policy.ts";
import { askPassword } from "../auth/password_exchange.ts";
import { busyLine, throttledLine } from "../auth/password_protocol.ts";
import { type AttemptDecision, PasswordThrottle } from "../auth/password_throttle.ts";
import type { AccessPolicy } from "../access/access_policy.ts";
import { formatHostPort, fromNetAddr, unmapIpv4 } from "../core/host_port.ts";
import { startTlsServer } from "../tls/start_tls_server.ts";
import { TlsHandshakeError } from "../tls/tls_errors.ts";
import { sniffTls } from "../tls/tls_sniff.ts";
import { t } from "../i18n/catalogue.ts";
import { en } from "../i18n/messages_en.ts";
import { peekFirstBytes } from "../io/peeked_conn.ts";
import { refuseConnection } from "./refuse_connection.ts";
import { RefusalLog } from "./refusal_log.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { writeAll } from "../io/byte_ends.ts";
import { deadline } from "../io/deadline.ts";

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

/**
 * Sent in plain text to a client that does not speak TLS to a `--tls` server:
 * the English line; a server sends {@linkcode tlsOnlyReply}, in its language.
 */
export const TLS_ONLY_REPLY = `${en.gate.tlsOnly}\n`;

/**
 * The plain-text reply of a `--tls` server to a plain client, in the server's
 * language; it says when a password is needed too, so the client's advice has it.
 */
export function tlsOnlyReply(needsPassword = false): string {
  return `${needsPassword ? t().gate.tlsOnlyPassword : t().gate.tlsOnly}\n`;
}

/** A newcomer silent this long is a plain-text client, told so: TLS clients speak at once. */
export const TLS_SILENCE_LIMIT_MS = 1500;

/**
 * Without --tls, how long a newcomer's first bytes are waited for, to see
 * whether it starts a TLS handshake (a TLS client sends its ClientHello at
 * once: ~50 ms after connecting for tp1 connect --tls on a busy machine). A
 * client that stays silent is let in after this long; one that speaks, at once.
 */
export const TLS_HELLO_WAIT_MS = 500;

/** How a newcomer is checked, beyond the server's settings. */
export interface AdmitOptions {
  /**
   * Its bytes are data, passed on as they are (piped serve, like nc -l): a
   * TLS handshake is not looked for on a plain server. Default false.
   */
  readonly bytesAreData?: boolean;
}

/** Throttled sources turned away at once: beyond this many lingering, the rest close at once. */
const MAX_LINGERING_TURNAWAYS = 16;

/** How long a turned-away source's unread answer is drained, so closing does not reset the line. */
const TURNAWAY_LINGER_MS = 1000;

const encoder = new TextEncoder();

/** The checks a server applies to newcomers, with the memory they need. */
export class ConnectionGate {
  readonly #security: ServerSecurity;
  readonly #throttle: PasswordThrottle;
  /** Bounds the refusal lines, so that a source refused in a loop does not flood the log. */
  readonly #refusals: RefusalLog;
  /** Logs the refusal counts due when their window ends (`#refusals.nextFlushMs()`), if any. */
  #refusalCountTimer: ReturnType<typeof setTimeout> | undefined;
  #lingering = 0;
  readonly #log: (line: string) => void;
  readonly #handshakeTimeoutMs: number;
  /** Aborted by `close()`: the checks in progress give up. */
  readonly #stopping = new AbortController();
  /** The newcomers being checked, so `close()` can drop them. */
  readonly #checking = new Set<Deno.TcpConn>();

  /**
   * @param log where refusals are reported (the operator's screen, or stderr when piped)
   * @param throttle the password attempt budgets (a test injects one with its own clock)
   * @param refusals the refusal log's bounds (a test injects a short window)
   */
  constructor(
    security: ServerSecurity,
    log: (line: string) => void,
    handshakeTimeoutMs = 10_000,
    throttle = new PasswordThrottle(),
    refusals = new RefusalLog(),
  ) {
    this.#refusals = refusals;
    this.#security = security;
    this.#throttle = throttle;
    this.#log = log;
    this.#handshakeTimeoutMs = handshakeTimeoutMs;
  }

  /**
   * Runs the checks; the (possibly TLS-wrapped) connection, or undefined when
   * refused. Never rejects: one newcomer's failure must not stop the server.
   * After `close()`, resolves to undefined at once.
   */
  async admit(tcp: Deno.TcpConn, options: AdmitOptions = {}): Promise<Deno.TcpConn | undefined> {
    const stopping = this.#stopping.signal;
    if (stopping.aborted) {
      closeQuietly(tcp);
      return undefined;
    }
    this.#checking.add(tcp);
    const checked = this.#check(tcp, options).catch((error) => {
      const address = formatHostPort(fromNetAddr(tcp.remoteAddr));
      this.#report(
        t().gate.couldNotAdmit(address, error instanceof Error ? error.message : String(error)),
      );
      closeQuietly(tcp);
      return undefined;
    });
    let onStop = () => {};
    const stopped = new Promise<undefined>((resolve) => {
      onStop = () => resolve(undefined);
      stopping.addEventListener("abort", onStop, { once: true });
    });
    try {
      const conn = await Promise.race([checked, stopped]);
      if (!stopping.aborted) return conn;
      // The server stopped first: whatever the check ends with is dropped.
      checked.then((late) => late && closeQuietly(late));
      return undefined;
    } finally {
      stopping.removeEventListener("abort", onStop);
      this.#checking.delete(tcp);
    }
  }

  /**
   * Stops admitting, for a server that is stopping: newcomers still being
   * checked (a handshake not finished, a password not typed yet) are dropped at
   * once instead of being waited for, and later ones are closed unchecked.
   */
  close(): void {
    this.#stopping.abort();
    clearTimeout(this.#refusalCountTimer);
    this.#refusalCountTimer = undefined;
    for (const tcp of this.#checking) closeQuietly(tcp);
  }

  /** Logs that `address` (from `ip`) was refused and why, within the log's bounds. */
  #refused(ip: string, address: string, why: string): void {
    const lines = this.#refusals.lines(ip, Date.now(), t().gate.refused(address, why));
    for (const line of lines) this.#report(line);
    this.#awaitRefusalCounts();
  }

  /**
   * Logs the counts of refusals not logged when their window ends, even if the source is not
   * refused again (a script stopped within the minute): one timer at a time, not keeping the
   * process alive.
   */
  #awaitRefusalCounts(): void {
    if (this.#refusalCountTimer !== undefined || this.#stopping.signal.aborted) return;
    const due = this.#refusals.nextFlushMs();
    if (due === undefined) return;
    const timer = setTimeout(() => {
      this.#refusalCountTimer = undefined;
      for (const line of this.#refusals.flush(Date.now())) this.#report(line);
      this.#awaitRefusalCounts();
    }, Math.max(0, due - Date.now()));
    Deno.unrefTimer(timer);
    this.#refusalCountTimer = timer;
  }

  /** Logs, unless the server is stopping (the operator's console may be gone already). */
  #report(line: string): void {
    if (!this.#stopping.signal.aborted) this.#log(line);
  }

  async #check(tcp: Deno.TcpConn, options: AdmitOptions): Promise<Deno.TcpConn | undefined> {
    const address = formatHostPort(fromNetAddr(tcp.remoteAddr));
    const ip = unmapIpv4(tcp.remoteAddr.hostname);
    let conn: Deno.TcpConn = tcp;
    const { tls, access, password } = this.#security;
    // The address first: a denied client gets no TLS (no byte of its parsed) and no password.
    const verdict = judgeAddress(access, ip);
    if (!verdict.allowed) {
      this.#refused(ip, address, verdict.because);
      await refuseConnection(conn, t().gate.notAllowed(ip));
      return undefined;
    }
    if (tls) {
      try {
        conn = await startTlsServer(tcp, {
          cert: tls.cert,
          key: tls.key,
          handshakeTimeoutMs: this.#handshakeTimeoutMs,
          plaintextReply: tlsOnlyReply(password !== undefined),
          silenceLimitMs: TLS_SILENCE_LIMIT_MS,
          signal: this.#stopping.signal,
          // "refused ADDR: it spoke plain text" names the address once.
          clientName: t().gate.tlsServer.it,
        });
      } catch (error) {
        if (!(error instanceof TlsHandshakeError)) throw error;
        this.#refused(ip, address, error.message);
        return undefined;
      }
    } else if (!options.bytesAreData) {
      // Before any password prompt, which would take the ClientHello for a wrong answer.
      const peeked = await peekFirstBytes(tcp, TLS_HELLO_WAIT_MS);
      if (peeked.first && sniffTls(peeked.first) === "tls-handshake") {
        this.#refused(ip, address, t().gate.startedTls);
        await refuseConnection(tcp, t().gate.plainOnly);
        return undefined;
      }
      conn = peeked.conn;
    }
    if (password !== undefined) {
      const attempt = this.#throttle.begin(ip);
      if (attempt.kind !== "go") {
        if (attempt.firstRefusal) this.#report(t().gate.refused(address, throttleLog(ip, attempt)));
        await this.#turnAway(
          conn,
          attempt.kind === "busy" ? busyLine(ip) : throttledLine(ip, attempt.retryInMs),
        );
        return undefined;
      }
      const unlogged = attempt.ticket.refusedBefore - 1;
      if (unlogged > 0) {
        this.#report(t().gate.moreRefused(ip, unlogged));
      }
      const answer = await askPassword(conn, password, this.#stopping.signal)
        .catch(() => "no-answer" as const);
      attempt.ticket.settle(answer === "accepted" ? "right" : answer);
      if (answer !== "accepted") {
        this.#refused(
          ip,
          address,
          answer === "wrong" ? t().gate.wrongPassword : t().gate.noPassword,
        );
        closeQuietly(conn);
        return undefined;
      }
    }
    return conn;
  }

  /**
   * Sends a throttled source its one line and closes, without waiting out any
   * delay. Its answer, if already sent, is drained briefly so that closing does
   * not reset the line away; a storm of them is closed at once instead.
   */
  async #turnAway(conn: Deno.TcpConn, line: string): Promise<void> {
    if (this.#lingering >= MAX_LINGERING_TURNAWAYS) {
      await deadline(writeAll(conn, encoder.encode(line + "\n")), TURNAWAY_LINGER_MS)
        .catch(() => undefined);
      closeQuietly(conn);
      return;
    }
    this.#lingering++;
    try {
      await refuseConnection(conn, line, { lingerMs: TURNAWAY_LINGER_MS });
    } finally {
      this.#lingering--;
    }
  }
}

function throttleLog(ip: string, refusal: Exclude<AttemptDecision, { kind: "go" }>): string {
  return refusal.kind === "busy"
    ? t().gate.throttledBusyLog(ip)
    : t().gate.throttledWrongLog(ip, Math.ceil(refusal.retryInMs / 1000));
}
