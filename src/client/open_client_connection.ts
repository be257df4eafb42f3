/**
 * Everything between "tp1 connect HOST" and a usable connection: resolving and
 * dialing (or waiting for the server with --wait), the TLS handshake with its
 * verification, and the --password exchange. Ctrl-C aborts any of these steps.
 * TLS (node:tls) and the password exchange (node:crypto, every language's
 * lines) are imported only when asked for: a plain start-up does not pay for them.
 */
import { t } from "../i18n/catalogue.ts";
import { formatHostPort, fromNetAddr, type HostPort } from "../core/host_port.ts";
import { dial, type DialUnderWay } from "../net/dial.ts";
import { resolveHost } from "../net/resolve_host.ts";
import { withInterrupt } from "../terminal/interrupt.ts";
import type { Logger } from "../terminal/stderr_log.ts";
import type { TlsConnection } from "../tls/tls_connection.ts";
import { matchesPinPrefix, type TlsClientSettings, untrustedAdvice } from "./tls_trust.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { UserError } from "../errors.ts";

/** What the user asked for on the command line. */
export interface ConnectPlan {
  readonly target: HostPort;
  /** Limit for each TCP attempt and for the TLS handshake. */
  readonly timeoutMs: number;
  /** `--wait`: retry until the server is up, for `waitMs` or for ever. */
  readonly wait: boolean;
  readonly waitMs?: number;
  /** `--tls` and how to verify the server; undefined for plain TCP. */
  readonly tls?: TlsClientSettings;
  /** `--password`/`--password-file`: answer the server's request with this. */
  readonly password?: string;
  /** `-v`: hears how long each step took (not while waiting with --wait). */
  readonly onStep?: (step: ConnectStep) => void;
  /** A connection already being made (head_start.ts), taken over instead of dialing again. */
  readonly underWay?: DialUnderWay;
}

/** One step of opening the connection, timed (milliseconds, fractional). */
export type ConnectStep =
  | { readonly step: "resolved"; readonly ms: number; readonly addresses: readonly string[] }
  | { readonly step: "connected"; readonly ms: number; readonly conn: Deno.TcpConn }
  | { readonly step: "tls"; readonly ms: number; readonly conn: TlsConnection };

/** Opens the connection `plan` describes, or throws a UserError saying why not. */
export function openClientConnection(plan: ConnectPlan, log: Logger): Promise<Deno.TcpConn> {
  const { target, timeoutMs } = plan;
  log(t().client.connecting(formatHostPort(target)));
  // TLS's code loads while the connection is dialed, not after: a --tls server
  // waits only so long for the ClientHello before it takes us for a plain client.
  const tlsCode = plan.tls ? loadTlsCode() : undefined;
  tlsCode?.catch(() => {}); // Seen by the handshake; a dial that fails first must not leave it unhandled.
  return withInterrupt(async (signal) => {
    const step = plan.onStep;
    let since = performance.now();
    const resolve = step &&
      (async (host: string) => {
        const addresses = await resolveHost(host);
        step({ step: "resolved", ms: performance.now() - since, addresses });
        since = performance.now();
        return addresses;
      });
    const tcp = await (plan.wait
      ? waitForServer(target, timeoutMs, signal, plan.waitMs)
      : dial(target, { timeoutMs, signal, resolve, underWay: plan.underWay }));
    step?.({ step: "connected", ms: performance.now() - since, conn: tcp });
    since = performance.now();
    // The redrawn progress line must not be left under the banner or an error.
    if (plan.wait && Deno.stderr.isTerminal()) {
      Deno.stderr.writeSync(new TextEncoder().encode("\r\x1b[K"));
    }
    const conn = plan.tls ? await handshake(tcp, plan, plan.tls, await tlsCode!, signal, log) : tcp;
    if (plan.tls) {
      step?.({ step: "tls", ms: performance.now() - since, conn: conn as TlsConnection });
    }
    if (plan.password !== undefined) {
      try {
        const { givePassword } = await import("../auth/password_exchange.ts");
        await givePassword(conn, plan.password, formatHostPort(target), timeoutMs, signal);
      } catch (error) {
        conn.close();
        throw error;
      }
      log(t().client.passwordAccepted);
    }
    return conn;
  });
}

/** The TLS client's modules (node:tls), imported only for --tls. */
async function loadTlsCode() {
  const [{ startTlsClient }, { TlsHandshakeError }] = await Promise.all([
    import("../tls/start_tls_client.ts"),
    import("../tls/tls_errors.ts"),
  ]);
  return { startTlsClient, TlsHandshakeError };
}

/** Runs the TLS handshake; a refused certificate becomes advice on how to trust it. */
async function handshake(
  tcp: Deno.TcpConn,
  { target, timeoutMs }: ConnectPlan,
  tls: TlsClientSettings,
  { startTlsClient, TlsHandshakeError }: Awaited<ReturnType<typeof loadTlsCode>>,
  signal: AbortSignal,
  log: Logger,
): Promise<TlsConnection> {
  log(t().client.connectedTlsHandshake(formatHostPort(fromNetAddr(tcp.remoteAddr))));
  let conn: TlsConnection;
  try {
    conn = await startTlsClient(tcp, {
      host: target.host,
      verify: tls.verify,
      handshakeTimeoutMs: timeoutMs,
      signal,
    });
  } catch (error) {
    if (error instanceof TlsHandshakeError) throw untrustedAdvice(error, target, tls);
    throw error;
  }
  // A fingerprint prefix is checked here, before a byte (or a password) is sent.
  const fingerprint = conn.peerCertificate?.fingerprint ?? "";
  if (tls.pinPrefix !== undefined && !matchesPinPrefix(fingerprint, tls.pinPrefix)) {
    closeQuietly(conn);
    throw new UserError(
      t().client.pinMismatch(
        formatHostPort(target),
        fingerprint,
        tls.pinPrefix.match(/.{1,2}/g)!.join(":"),
      ),
    );
  }
  return conn;
}

/** `--wait`: dials until the server is up (its retry loop is imported only then). */
async function waitForServer(
  target: HostPort,
  timeoutMs: number,
  signal: AbortSignal,
  waitMs: number | undefined,
): Promise<Deno.TcpConn> {
  const [{ dialUntilUp }, { decimal }] = await Promise.all([
    import("./dial_until_up.ts"),
    import("../i18n/decimal_mark.ts"),
  ]);
  const show = showRetry(target, decimal);
  let shown = false;
  try {
    return await dialUntilUp(target, {
      timeoutMs,
      signal,
      waitMs,
      onRetry: (attempt, nextInMs) => {
        shown = true;
        show(attempt, nextInMs);
      },
    });
  } catch (error) {
    // The redrawn progress line ends here: the error (Ctrl-C, gave up) starts a line of its own.
    if (shown && Deno.stderr.isTerminal()) Deno.stderr.writeSync(new TextEncoder().encode("\n"));
    throw error;
  }
}

/** Progress for `--wait`, on stderr so piped output stays clean; one line redrawn on a terminal. */
function showRetry(
  target: HostPort,
  decimal: (text: string) => string,
): (attempt: number, nextInMs: number) => void {
  const encoder = new TextEncoder();
  const redraw = Deno.stderr.isTerminal();
  return (attempt, nextInMs) => {
    const text = t().client.waiting(
      formatHostPort(target),
      attempt,
      decimal((nextInMs / 1000).toFixed(1)),
    );
    Deno.stderr.writeSync(encoder.encode(redraw ? `\r\x1b[K${text}` : `${text}\n`));
  };
}
