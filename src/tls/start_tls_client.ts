/**
 * Runs the client side of TLS over an open `Deno.TcpConn`, with one of three ways
 * to trust the server: CA verification (system roots or given CA certificates,
 * plus host name check), a pinned SHA-256 certificate fingerprint (for a server's
 * self-signed certificate, whatever its names or dates), or no verification at all.
 *
 * Built on `node:tls` because `Deno.connectTls` / `Deno.startTls` can neither skip
 * verification per connection nor show the server's certificate.
 *
 * CA verification is decided by tp1, not inside `node:tls`: the handshake runs with
 * `rejectUnauthorized: false`, then, before anything is sent, tp1 verifies the
 * chain to given CAs itself (src/tls/verify_chain.ts) and also requires
 * `socket.authorized` (the chain and host name check `node:tls` would enforce). That
 * way a refused server's certificate can still be read, so the error can show its
 * fingerprint for pinning; with `rejectUnauthorized: true` Deno's rustls aborts
 * before the certificate is visible.
 */
import { t } from "../i18n/catalogue.ts";
import * as tls from "node:tls";
import type { DetailedPeerCertificate, PeerCertificate as NodePeerCertificate } from "node:tls";
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { formatHostPort } from "../core/host_port.ts";
import { awaitHandshake, type HandshakeFailure } from "./_await_handshake.ts";
import { duplexOverConn } from "./_conn_duplex.ts";
import { certFingerprint, derToPem, parseFingerprint } from "./cert_fingerprint.ts";
import { TlsConnection } from "./tls_connection.ts";
import { TlsHandshakeError } from "./tls_errors.ts";
import { isPlainOnlyLine, sniffTls } from "./tls_sniff.ts";
import { verifyChain } from "./verify_chain.ts";

/** How much of a plain-text answer is kept to show its first line. */
const FIRST_LINE_MAX = 200;

/** How long a handshake may take by default: far more than any lab network needs. */
export const DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;

/** How the client decides to trust the server. */
export type ServerVerification =
  /** Chain to a trusted CA (the system's, or only `caCerts` when given) and match the host name. */
  | { readonly kind: "ca"; readonly caCerts?: readonly string[] }
  /** Accept exactly the certificate with this SHA-256 fingerprint (any common notation). */
  | { readonly kind: "pin"; readonly fingerprint: string }
  /** Accept any certificate: encryption without authentication. */
  | { readonly kind: "insecure" };

/** Options for {@linkcode startTlsClient}. */
export interface TlsClientOptions {
  /** The host name or address the user asked for: checked in `ca` mode, sent as SNI if a name. */
  readonly host: string;
  readonly verify: ServerVerification;
  /** Gives up (and closes) when the handshake has not finished after this long. */
  readonly handshakeTimeoutMs?: number;
  /** Aborts the handshake (and closes); the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/**
 * Runs a TLS handshake as the client over `tcp` and verifies the server. Takes
 * ownership of `tcp`: on failure it is closed and a {@linkcode TlsHandshakeError}
 * (or the abort reason) is thrown.
 */
export async function startTlsClient(
  tcp: Deno.TcpConn,
  options: TlsClientOptions,
): Promise<TlsConnection> {
  const { verify } = options;
  let pinned: string | undefined;
  try {
    pinned = verify.kind === "pin" ? parseFingerprint(verify.fingerprint) : undefined;
  } catch (error) {
    tcp.close();
    throw error;
  }
  const where = formatHostPort({ host: options.host, port: tcp.remoteAddr.port });
  // TLS sends several small records in a row; with Nagle's algorithm on (Deno's
  // default) the first bytes after the handshake wait ~40 ms for a delayed ACK.
  tcp.setNoDelay(true);
  let firstBytes: Uint8Array | undefined;
  const { duplex, outgoing, incoming } = duplexOverConn(tcp, {
    onRead: (chunk) => firstBytes ??= chunk.slice(0, FIRST_LINE_MAX),
  });
  const socket = tls.connect({
    socket: duplex,
    host: options.host,
    // SNI carries names only (RFC 6066); Node warns when given an address.
    servername: isIpLiteral(options.host) ? "" : options.host,
    // Checked below, after the handshake, so a refused certificate can still be shown.
    rejectUnauthorized: false,
    ca: verify.kind === "ca" && verify.caCerts ? [...verify.caCerts] : undefined,
  });

  const timeoutMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS;
  await awaitHandshake(
    socket,
    "secureConnect",
    timeoutMs,
    options.signal,
    (failure) => describeFailure(failure, where, firstBytes, timeoutMs),
  );

  const details = socket.getPeerCertificate(true);
  const raw = details?.raw;
  if (!raw) {
    socket.destroy();
    throw new TlsHandshakeError("protocol", t().tls.noCertificate(where));
  }
  const peer = { fingerprint: certFingerprint(raw), pem: derToPem(raw, "CERTIFICATE") };
  // Given CAs are checked by tp1 itself first: node:tls alone took a v1 impostor for verified.
  const ours = verify.kind === "ca" && verify.caCerts
    ? verifyChain(presentedChain(details), verify.caCerts, options.host)
    : { trusted: true as const };
  if (!ours.trusted || (verify.kind === "ca" && !socket.authorized)) {
    const reason = !ours.trusted
      ? ours.reason
      : untrustedReason(socket.authorizationError, details, options.host);
    socket.destroy();
    throw new TlsHandshakeError(
      "untrusted",
      t().tls.notTrusted(where, reason),
      { peerCertificate: peer, detail: reason },
    );
  }
  if (pinned !== undefined && peer.fingerprint !== pinned) {
    socket.destroy();
    throw new TlsHandshakeError(
      "pin-mismatch",
      t().tls.pinMismatch(where, peer.fingerprint, pinned),
      { peerCertificate: peer },
    );
  }
  return new TlsConnection(socket, tcp, peer, outgoing, incoming);
}

/** The DER of the server's certificate and of those TLS found or was sent for its chain. */
function presentedChain(leaf: DetailedPeerCertificate): Uint8Array[] {
  const chain: Uint8Array[] = [];
  // `issuerCertificate` ends pointing at itself (a root), or is absent.
  for (
    let cert: DetailedPeerCertificate | undefined = leaf;
    cert?.raw && chain.length < 10;
    cert = cert.issuerCertificate === cert ? undefined : cert.issuerCertificate
  ) {
    chain.push(new Uint8Array(cert.raw));
  }
  return chain;
}

/**
 * Why verification refused a certificate, in words. Deno reports most chain
 * failures (unknown CA, expired, not yet valid) with one code, so the dates and
 * issuer are looked at here to say which.
 */
function untrustedReason(
  code: unknown,
  cert: NodePeerCertificate,
  host: string,
  now = new Date(),
): string {
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const names = (cert.subjectaltname ?? "").split(/,\s*/).map((n) => n.replace(/^[^:]*:/, ""))
      .filter((n) => n !== "");
    return names.length > 0 ? t().tls.madeFor(names.join(", "), host) : t().tls.namesNoHost(host);
  }
  const notAfter = new Date(cert.valid_to);
  const notBefore = new Date(cert.valid_from);
  if (notAfter.getTime() < now.getTime()) return t().tls.expired(formatDate(notAfter));
  if (notBefore.getTime() > now.getTime()) {
    return t().tls.notYetValid(formatDate(notBefore));
  }
  if (code === "DEPTH_ZERO_SELF_SIGNED_CERT") return t().tls.selfSigned;
  const issuer = cert.issuer?.CN;
  if (typeof issuer === "string" && issuer !== cert.subject?.CN) {
    return t().tls.issuedBy(issuer);
  }
  return typeof code === "string" && code !== "" ? code : t().tls.verificationFailed;
}

/** `2026-03-01 12:00 UTC`: short, unambiguous, the same on every machine. */
function formatDate(date: Date): string {
  return Number.isNaN(date.getTime())
    ? t().tls.unreadableDate
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

const CERT_ERROR_CODES = /CERT|SELF_SIGNED|VERIFY|ISSUER|ALTNAME/;

/** Turns what `node:tls` reported during the handshake into one actionable sentence. */
function describeFailure(
  failure: HandshakeFailure,
  where: string,
  firstBytes: Uint8Array | undefined,
  timeoutMs: number,
): TlsHandshakeError {
  const cause = failure instanceof Error ? { cause: failure } : undefined;
  if (firstBytes && sniffTls(firstBytes) === "not-tls") {
    // A tp1 server's notices start with "* ": one refusing us (--deny) says why, in clear;
    // a plain tp1 server's answer to our handshake, and any other plain text, mean no TLS.
    const line = firstLine(firstBytes);
    return new TlsHandshakeError(
      "not-tls",
      line !== undefined && isPlainOnlyLine(line)
        ? t().tls.dropTls(where)
        : line?.startsWith("* ")
        ? t().tls.plainTextLine(where, line)
        : t().tls.plainText(where),
      cause,
    );
  }
  if (failure === "timeout") {
    return new TlsHandshakeError(
      "timeout",
      t().tls.noTlsAnswer(where, timeoutMs / 1000),
    );
  }
  if (failure === "closed" || isReset(failure)) {
    return new TlsHandshakeError(
      "closed",
      t().tls.closedDuringHandshake(where),
      cause,
    );
  }
  const code = String((failure as { code?: unknown }).code ?? "");
  if (CERT_ERROR_CODES.test(code)) {
    return new TlsHandshakeError(
      "untrusted",
      t().tls.notTrusted(where, failure.message),
      cause,
    );
  }
  return new TlsHandshakeError(
    "protocol",
    t().tls.handshakeFailed(where, failure.message),
    cause,
  );
}

/** The first line of `bytes` (without its end), shown safely, or undefined when it is not whole. */
function firstLine(bytes: Uint8Array): string | undefined {
  const end = bytes.indexOf(0x0a);
  if (end < 0) return undefined;
  const text = new TextDecoder().decode(bytes.subarray(0, end)).replace(/\r$/, "");
  return sanitizeForDisplay(text);
}

function isReset(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return error instanceof Deno.errors.ConnectionReset || error instanceof Deno.errors.BrokenPipe ||
    error instanceof Deno.errors.UnexpectedEof || code === "ECONNRESET" || code === "EPIPE";
}

function isIpLiteral(host: string): boolean {
  return host.includes(":") || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}
