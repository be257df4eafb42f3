/**
 * Makes a TLS server certificate and its private key at run time, with no
 * files and no dependencies: an ECDSA P-256 key from WebCrypto and an X.509 v3
 * certificate written by hand in DER. A certificate signs itself, or is signed
 * by a small local CA made the same way.
 */
import {
  bitString,
  boolean,
  explicit,
  implicit,
  octetString,
  oid,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from "./_der.ts";
import { certFingerprint, derToPem } from "./cert_fingerprint.ts";
import { isHostName } from "../core/host_name.ts";
import { ipLiteralBytes } from "../core/ip_address.ts";

/** How long a generated certificate is valid when no `validityDays` is given. */
export const DEFAULT_VALIDITY_DAYS = 30;

/** How far back `notBefore` is set, so a peer whose clock runs a little behind still accepts it. */
const BACKDATE_MS = 5 * 60 * 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A certificate with its private key, both PEM, plus what a user needs to pin it. */
export interface CertifiedKey {
  /** The certificate, PEM (`-----BEGIN CERTIFICATE-----`). */
  readonly certPem: string;
  /** The PKCS#8 private key, PEM (`-----BEGIN PRIVATE KEY-----`). */
  readonly keyPem: string;
  /** The certificate's DER bytes. */
  readonly certDer: Uint8Array<ArrayBuffer>;
  /** SHA-256 of the DER, `AB:CD:…` as `openssl x509 -fingerprint -sha256` prints it. */
  readonly fingerprint: string;
  /** The DER-encoded subject name, needed to issue certificates from a CA. */
  readonly subjectDer: Uint8Array<ArrayBuffer>;
  /** The key pair, kept so a CA can sign more certificates. */
  readonly keys: CryptoKeyPair;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** What to put in a generated certificate. */
export interface CertOptions {
  /** DNS names and IP literals (`localhost`, `127.0.0.1`, `::1`, `[::1]`) for subjectAltName. */
  readonly names: readonly string[];
  /** Subject common name; defaults to the first name. Clients ignore it when SANs are present. */
  readonly commonName?: string;
  /** Days of validity from now; defaults to {@link DEFAULT_VALIDITY_DAYS}. Ignored if `notAfter` is given. */
  readonly validityDays?: number;
  /** Start of validity; defaults to five minutes ago. */
  readonly notBefore?: Date;
  /** End of validity; overrides `validityDays`. */
  readonly notAfter?: Date;
  /**
   * Make a CA certificate (basicConstraints CA:TRUE, keyCertSign) instead of a
   * server one. Deno's `connectTls` refuses a CA certificate as a server's own.
   */
  readonly isCa?: boolean;
}

const OID = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  subjectKeyIdentifier: "2.5.29.14",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  authorityKeyIdentifier: "2.5.29.35",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
  clientAuth: "1.3.6.1.5.5.7.3.2",
} as const;

const ECDSA_P256: EcKeyGenParams = { name: "ECDSA", namedCurve: "P-256" };
const ECDSA_SHA256: EcdsaParams = { name: "ECDSA", hash: "SHA-256" };

/**
 * Generates a self-signed certificate: a server certificate that clients can
 * trust directly (as `caCerts`, or by fingerprint), or with `isCa` a small CA.
 */
export function generateSelfSignedCert(options: CertOptions): Promise<CertifiedKey> {
  return generateCert(options, undefined);
}

/** Generates a certificate signed by `ca` (made with `generateSelfSignedCert({ isCa: true })`). */
export function generateCaSignedCert(
  ca: CertifiedKey,
  options: CertOptions,
): Promise<CertifiedKey> {
  return generateCert(options, ca);
}

async function generateCert(
  options: CertOptions,
  issuer: CertifiedKey | undefined,
): Promise<CertifiedKey> {
  if (options.names.length === 0 && options.commonName === undefined) {
    throw new TypeError("A certificate needs at least one name");
  }
  const generalNames = options.names.map(encodeGeneralName);
  const notBefore = options.notBefore ?? new Date(Date.now() - BACKDATE_MS);
  const notAfter = options.notAfter ??
    new Date(Date.now() + (options.validityDays ?? DEFAULT_VALIDITY_DAYS) * DAY_MS);
  if (!(notAfter.getTime() > notBefore.getTime())) {
    throw new RangeError(
      `Certificate validity must end after it starts, got ${notBefore.toISOString()} to ${notAfter.toISOString()}`,
    );
  }

  const keys = await crypto.subtle.generateKey(ECDSA_P256, true, ["sign", "verify"]);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  const keyId = await subjectKeyId(spki);

  const subjectDer = sequence(
    set(sequence(oid(OID.commonName), utf8String(options.commonName ?? options.names[0]))),
  );
  const issuerDer = issuer?.subjectDer ?? subjectDer;
  const signingKey = issuer?.keys.privateKey ?? keys.privateKey;

  const extensions = [
    extension(OID.basicConstraints, true, options.isCa ? sequence(boolean(true)) : sequence()),
    // digitalSignature (bit 0), plus keyCertSign (5) and cRLSign (6) for a CA.
    extension(
      OID.keyUsage,
      true,
      options.isCa ? bitString(Uint8Array.of(0x86), 1) : bitString(Uint8Array.of(0x80), 7),
    ),
    extension(OID.subjectKeyIdentifier, false, octetString(keyId)),
  ];
  if (issuer) {
    const issuerSpki = new Uint8Array(await crypto.subtle.exportKey("spki", issuer.keys.publicKey));
    const issuerKeyId = await subjectKeyId(issuerSpki);
    extensions.push(
      extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, issuerKeyId))),
    );
  }
  if (!options.isCa) {
    extensions.push(
      extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth), oid(OID.clientAuth))),
    );
  }
  if (generalNames.length > 0) {
    extensions.push(extension(OID.subjectAltName, false, sequence(...generalNames)));
  }

  const signatureAlgorithm = sequence(oid(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(randomSerial()),
    signatureAlgorithm,
    issuerDer,
    sequence(time(notBefore), time(notAfter)),
    subjectDer,
    spki,
    explicit(3, sequence(...extensions)),
  );
  const rawSignature = new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, signingKey, tbs));
  const certDer = sequence(tbs, signatureAlgorithm, bitString(ecdsaSignatureToDer(rawSignature)));

  return {
    certPem: derToPem(certDer, "CERTIFICATE"),
    keyPem: derToPem(pkcs8, "PRIVATE KEY"),
    certDer,
    fingerprint: certFingerprint(certDer),
    subjectDer,
    keys,
    notBefore,
    notAfter,
  };
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array<ArrayBuffer> {
  return critical
    ? sequence(oid(id), boolean(true), octetString(value))
    : sequence(oid(id), octetString(value));
}

/** A subjectAltName entry: iPAddress `[7]` for IP literals, dNSName `[2]` for the rest. */
function encodeGeneralName(name: string): Uint8Array<ArrayBuffer> {
  const ip = ipLiteralBytes(name);
  if (ip) return implicit(7, ip);
  if (!isHostName(name)) throw new TypeError(`Not a host name or IP address: "${name}"`);
  return implicit(2, new TextEncoder().encode(name.toLowerCase()));
}

/** 16 random bytes, positive and never starting with a zero byte (RFC 5280 allows up to 20 octets). */
function randomSerial(): Uint8Array<ArrayBuffer> {
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0] = (serial[0] & 0x7f) | 0x40;
  return serial;
}

/** WebCrypto gives ECDSA signatures as raw `r || s`; X.509 wants `SEQUENCE { INTEGER r, INTEGER s }`. */
function ecdsaSignatureToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const half = raw.length / 2;
  return sequence(unsignedInteger(raw.subarray(0, half)), unsignedInteger(raw.subarray(half)));
}

/** Key identifier per RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
async function subjectKeyId(spki: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  // A P-256 SPKI is a fixed 91 bytes: 26 bytes of header, then the 65-byte point.
  const point = spki.subarray(spki.length - 65);
  return new Uint8Array(await crypto.subtle.digest("SHA-1", point));
}
