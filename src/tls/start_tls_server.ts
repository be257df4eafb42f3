/**
 * Runs the server side of TLS over an accepted `Deno.TcpConn`, so the server
 * keeps its plain `Deno.listen` listener (and its access checks, keepalive and
 * error messages) and decides per connection. A client that speaks plain text is
 * recognised by its first byte and can be told so in plain text; a client that
 * says nothing is dropped after a time limit, closing its socket for real.
 *
 * Built on `node:tls` over the TCP connection because closing a `Deno.listenTls`
 * connection whose handshake is pending leaves its socket open (Deno 2.9.6).
 */
import * as tls from "node:tls";
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import { awaitHandshake, type HandshakeFailure } from "./_await_handshake.ts";
import { duplexOverConn } from "./_conn_duplex.ts";
import { guardTlsSocket } from "./_guard_tls_socket.ts";
import { TlsConnection } from "./tls_connection.ts";
import { TlsHandshakeError } from "./tls_errors.ts";
import { sniffTls } from "./tls_sniff.ts";
import { DEFAULT_HANDSHAKE_TIMEOUT_MS } from "./start_tls_client.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { t } from "../i18n/catalogue.ts";

/** Options for {@linkcode startTlsServer}. */
export interface TlsServerOptions {
  /** The server's certificate chain, PEM. */
  readonly cert: string;
  /** The certificate's private key, PEM (PKCS#8, SEC1 or PKCS#1). */
  readonly key: string;
  /** Gives up (and closes) when the handshake has not finished after this long. */
  readonly handshakeTimeoutMs?: number;
  /** Aborts the handshake (and closes); the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /**
   * Sent in plain text, just before closing, to a client that speaks plain text
   * or says nothing at all within the time limit (e.g. `nc` waiting for a greeting).
   */
  readonly plaintextReply?: string;
  /**
   * A client silent this long is taken for a plain-text one (a TLS client sends
   * its ClientHello at once) and gets `plaintextReply` without waiting for the
   * whole handshake limit, so a plain `tp1 connect` can say so within 2 s.
   * At most the handshake limit; by default equal to it.
   */
  readonly silenceLimitMs?: number;
  /** How failures name the client: `the client at ADDR` by default (the gate, having said ADDR, says `it`). */
  readonly clientName?: string;
}

/**
 * Runs a TLS handshake as the server over `tcp`. Takes ownership of `tcp`: on
 * failure it is closed and a {@linkcode TlsHandshakeError} (or the abort reason)
 * is thrown.
 */
export async function startTlsServer(
  tcp: Deno.TcpConn,
  options: TlsServerOptions,
): Promise<TlsConnection> {
  const timeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const who = options.clientName ??
    t().gate.tlsServer.theClientAt(formatHostPort(fromNetAddr(tcp.remoteAddr)));
  // See startTlsClient: without TCP_NODELAY the first bytes wait ~40 ms for a delayed ACK.
  tcp.setNoDelay(true);

  const silenceMs = Math.min(options.silenceLimitMs ?? timeoutMs, timeoutMs);
  const first = await readFirstChunk(tcp, options, silenceMs, who);
  if (sniffTls(first) === "not-tls") {
    await sendQuietly(tcp, options.plaintextReply);
    closeQuietly(tcp);
    throw new TlsHandshakeError("not-tls", t().gate.tlsServer.spokePlain(who));
  }

  const { duplex, outgoing, incoming } = duplexOverConn(tcp, { prefix: first });
  const socket = new tls.TLSSocket(duplex, {
    isServer: true,
    secureContext: secureContextFor(options.cert, options.key),
  });
  guardTlsSocket(socket);
  await awaitHandshake(
    socket,
    "secure",
    Math.max(0, deadline - Date.now()),
    options.signal,
    (failure) => describeFailure(failure, who, timeoutMs),
  );
  return new TlsConnection(socket, tcp, null, outgoing, incoming);
}

type FirstChunk =
  | { readonly bytes: Uint8Array }
  | { readonly failure: unknown; readonly silent?: boolean };

/**
 * Reads the client's first bytes (its ClientHello, if it speaks TLS) within the
 * time limit. A client that stays silent is often a plain-text one waiting for a
 * greeting (`nc`), so it gets `reply` too before the connection is closed.
 */
async function readFirstChunk(
  tcp: Deno.TcpConn,
  options: TlsServerOptions,
  timeoutMs: number,
  who: string,
): Promise<Uint8Array> {
  const { signal } = options;
  const buffer = new Uint8Array(16 * 1024);
  const read = tcp.read(buffer).then(
    (n): FirstChunk =>
      n === null
        ? { failure: new TlsHandshakeError("closed", t().gate.tlsServer.leftBefore(who)) }
        : { bytes: buffer.slice(0, n) },
    (error): FirstChunk => ({
      failure: new TlsHandshakeError("closed", t().gate.tlsServer.reset(who), { cause: error }),
    }),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const stopped = new Promise<FirstChunk>((resolve) => {
    const message = t().gate.tlsServer.silent(who, timeoutMs / 1000);
    timer = setTimeout(() => {
      resolve({ failure: new TlsHandshakeError("timeout", message), silent: true });
    }, timeoutMs);
    onAbort = () => resolve({ failure: signal?.reason });
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const first = await Promise.race([read, stopped]);
    if ("bytes" in first) return first.bytes;
    if (first.silent) await sendQuietly(tcp, options.plaintextReply);
    closeQuietly(tcp); // Ends the pending read; a plain TcpConn really closes.
    throw first.failure;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

async function sendQuietly(tcp: Deno.TcpConn, text: string | undefined): Promise<void> {
  if (text === undefined) return;
  try {
    await tcp.write(new TextEncoder().encode(text));
  } catch {
    // The client is gone already; there is no one left to tell.
  }
}

function describeFailure(failure: HandshakeFailure, who: string, timeoutMs: number): Error {
  if (failure === "timeout") {
    return new TlsHandshakeError(
      "timeout",
      t().gate.tlsServer.unfinished(who, timeoutMs / 1000),
    );
  }
  if (failure === "closed") {
    return new TlsHandshakeError("closed", t().gate.tlsServer.leftDuring(who));
  }
  return new TlsHandshakeError(
    "protocol",
    t().gate.tlsServer.failed(who, failure.message),
    { cause: failure },
  );
}

let cachedContext: { cert: string; key: string; context: tls.SecureContext } | undefined;

/** One secure context per certificate and key: parsing them again for every client is waste. */
function secureContextFor(cert: string, key: string): tls.SecureContext {
  if (cachedContext?.cert !== cert || cachedContext.key !== key) {
    cachedContext = { cert, key, context: tls.createSecureContext({ cert, key }) };
  }
  return cachedContext.context;
}
