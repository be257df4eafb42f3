/**
 * The one error a TLS set-up throws when the other side or the user's settings
 * are at fault. It is a {@linkcode UserError}: its message is a full sentence that
 * says what happened and what to try; `kind` lets callers and tests tell cases apart.
 */
import { UserError } from "../errors.ts";
import type { PeerCertificate } from "./tls_connection.ts";

/** Why a TLS handshake did not give a usable connection. */
export type TlsFailureKind =
  /** No handshake within the time limit (often: the other side is not speaking TLS). */
  | "timeout"
  /** The other side sent bytes that are not TLS (plain text). */
  | "not-tls"
  /** The other side closed or reset the connection during the handshake. */
  | "closed"
  /** The server's certificate did not pass CA and host name verification. */
  | "untrusted"
  /** The server's certificate is not the one whose fingerprint was pinned. */
  | "pin-mismatch"
  /** Anything else TLS reported (no shared cipher, bad alert, …). */
  | "protocol";

/** Options for {@linkcode TlsHandshakeError}: the cause, and the certificate refused. */
export interface TlsHandshakeErrorOptions extends ErrorOptions {
  /** The server's certificate, when the handshake got that far (`untrusted`, `pin-mismatch`). */
  readonly peerCertificate?: PeerCertificate;
  /** Why, in a few words (`self-signed certificate`), for callers that word their own advice. */
  readonly detail?: string;
}

/** A TLS handshake that failed for a reason the user can act on. */
export class TlsHandshakeError extends UserError {
  override name = "TlsHandshakeError";
  /**
   * The certificate the server presented, when it was refused: its fingerprint
   * is what a user checks with the server's operator, then pins (trust on first use).
   */
  readonly peerCertificate: PeerCertificate | undefined;
  /** Why, in a few words, when known (`it expired on 2026-01-01 00:00 UTC`). */
  readonly detail: string | undefined;
  constructor(
    readonly kind: TlsFailureKind,
    message: string,
    options?: TlsHandshakeErrorOptions,
  ) {
    super(message, options);
    this.peerCertificate = options?.peerCertificate;
    this.detail = options?.detail;
  }
}
