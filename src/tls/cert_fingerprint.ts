/**
 * Certificate fingerprints: SHA-256 over the certificate's DER bytes, written
 * the way `openssl x509 -noout -fingerprint -sha256` writes them
 * (`AB:CD:…`, 32 upper-case hex pairs), plus PEM⇄DER conversion.
 * No I/O. Synchronous (`node:crypto`'s hash), so a fingerprint can be checked
 * in the same tick the handshake finishes.
 */
import { createHash } from "node:crypto";

/** Hex pairs joined by colons, upper case: the form users compare and paste. */
export function formatFingerprint(digest: Uint8Array): string {
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0").toUpperCase()).join(":");
}

/** The SHA-256 fingerprint of a certificate given as DER bytes or PEM text (first certificate). */
export function certFingerprint(cert: Uint8Array | string): string {
  const der = typeof cert === "string" ? pemToDer(cert) : cert;
  return formatFingerprint(createHash("sha256").update(der).digest());
}

/**
 * Reads a fingerprint a user typed or pasted: colons, spaces or none, any case,
 * with an optional `sha256:` prefix or openssl's whole `sha256 Fingerprint=` line.
 * Returns the canonical `AB:CD:…` form.
 */
export function parseFingerprint(text: string): string {
  const hex = text.trim().replace(/^sha-?256\s*(fingerprint)?\s*[:=]?\s*/i, "")
    .replace(/[:\s]/g, "");
  if (!/^[0-9A-Fa-f]{64}$/.test(hex)) {
    throw new TypeError(
      `Not a SHA-256 fingerprint (64 hex digits, colons optional): "${text}"`,
    );
  }
  return hex.toUpperCase().match(/../g)!.join(":");
}

/** The DER bytes of the first PEM block with the given label (default `CERTIFICATE`). */
export function pemToDer(pem: string, label = "CERTIFICATE"): Uint8Array<ArrayBuffer> {
  const match = new RegExp(
    `-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+)-----END ${label}-----`,
  ).exec(pem);
  if (!match) throw new TypeError(`No "${label}" PEM block found`);
  const binary = atob(match[1].replace(/\s+/g, ""));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** PEM text for DER bytes: base64 in 64-column lines between BEGIN/END lines. */
export function derToPem(der: Uint8Array, label: string): string {
  let binary = "";
  for (const b of der) binary += String.fromCharCode(b);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
