/**
 * Reads back a certificate and key that `tp1 cert` wrote (PEM), as the
 * {@linkcode CertifiedKey} that made them, so a saved CA can sign more server
 * certificates. Checks that the key belongs to the certificate. No I/O.
 */
import { createPrivateKey, X509Certificate } from "node:crypto";
import { certFingerprint, pemToDer } from "./cert_fingerprint.ts";
import type { CertifiedKey } from "./make_certificate.ts";

const ECDSA_P256: EcKeyImportParams = { name: "ECDSA", namedCurve: "P-256" };

/**
 * Parses `certPem` and `keyPem` (a PKCS#8 ECDSA P-256 key, as tp1 writes them).
 * Throws a TypeError saying what is wrong when they are unreadable or do not match.
 */
export async function loadCertifiedKey(certPem: string, keyPem: string): Promise<CertifiedKey> {
  const certDer = pemToDer(certPem);
  const x509 = new X509Certificate(certPem);
  const privateKey = createPrivateKey(keyPem);
  if (privateKey.asymmetricKeyType !== "ec" || !x509.checkPrivateKey(privateKey)) {
    throw new TypeError("The private key does not belong to the certificate");
  }
  const pkcs8 = pemToDer(keyPem, "PRIVATE KEY");
  const spki = new Uint8Array(x509.publicKey.export({ type: "spki", format: "der" }));
  let keys: CryptoKeyPair;
  try {
    keys = {
      privateKey: await crypto.subtle.importKey("pkcs8", pkcs8, ECDSA_P256, true, ["sign"]),
      publicKey: await crypto.subtle.importKey("spki", spki, ECDSA_P256, true, ["verify"]),
    };
  } catch (error) {
    throw new TypeError("Only ECDSA P-256 keys (as tp1 cert writes them) are supported", {
      cause: error,
    });
  }
  return {
    certPem,
    keyPem,
    certDer,
    fingerprint: certFingerprint(certDer),
    subjectDer: subjectOf(certDer),
    keys,
    notBefore: x509.validFromDate,
    notAfter: x509.validToDate,
  };
}

/** Whether `certPem` is a CA certificate (basicConstraints CA:TRUE). */
export function isCaCertificate(certPem: string): boolean {
  return new X509Certificate(certPem).ca;
}

/**
 * The DER of the subject name: the sixth field of tbsCertificate (after the
 * optional `[0]` version, serial, signature algorithm, issuer and validity).
 */
function subjectOf(der: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  const certificate = readTlv(der, 0);
  const tbs = readTlv(der, certificate.contentStart);
  let at = tbs.contentStart;
  let field = readTlv(der, at);
  if (field.tag === 0xa0) field = readTlv(der, at = field.end);
  for (let skip = 0; skip < 4; skip++) field = readTlv(der, at = field.end);
  return der.slice(at, field.end);
}

interface Tlv {
  readonly tag: number;
  readonly contentStart: number;
  readonly end: number;
}

/** One DER tag-length-value header at `at` (definite lengths only, as DER requires). */
function readTlv(der: Uint8Array, at: number): Tlv {
  if (at + 2 > der.length) throw new TypeError("The certificate is truncated");
  const tag = der[at];
  let length = der[at + 1];
  let contentStart = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new TypeError("The certificate is not valid DER");
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[contentStart++];
  }
  const end = contentStart + length;
  if (end > der.length) throw new TypeError("The certificate is truncated");
  return { tag, contentStart, end };
}
