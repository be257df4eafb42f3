/**
 * Decides whether a server's certificate chain leads to a certificate the user
 * trusts (`tp1 connect --ca FILE`), checking what a name cannot fake: every
 * signature with the issuer's public key, the issuer being a CA
 * (basicConstraints CA:TRUE), every certificate's dates, and the dialled host
 * among the leaf's subjectAltName entries.
 *
 * It exists because Deno 2.9.6's `node:tls` reports as authorized an X.509 v1
 * certificate whose issuer *name* is a trusted CA's, whatever key signed it.
 * Pure: certificates in, a verdict out; the clock is a parameter.
 */
import { t } from "../i18n/catalogue.ts";
import { X509Certificate } from "node:crypto";

/** Issuers followed at most from the leaf: far more than any lab (or the web) uses. */
const MAX_CHAIN_LENGTH = 8;

/** Whether the chain is trusted, and if not, why in words (after "is not trusted (…)"). */
export type ChainVerdict =
  | { readonly trusted: true }
  | { readonly trusted: false; readonly reason: string };

/**
 * Verifies `presented` (DER, the server's certificate first, then whatever else
 * it or TLS gathered; order and extras do not matter) against the PEM
 * certificates in `trusted`, for `host` (a name or an IP address) at `now`.
 * A trusted certificate is accepted as the server's own when it is exactly the
 * leaf (`--ca tp1-cert.pem`), or as an issuer when it is a CA whose key signed.
 */
export function verifyChain(
  presented: readonly Uint8Array[],
  trusted: readonly string[],
  host: string,
  now: Date = new Date(),
): ChainVerdict {
  if (presented.length === 0) return refused(t().tls.chainWithoutCertificate);
  // A trusted certificate that cannot be read trusts nothing (the --ca files are checked earlier).
  const anchors = trusted.map(parse).filter((cert) => cert !== undefined);
  const offered = presented.map(parse);
  const leaf = offered[0];
  if (leaf === undefined) return refused(t().tls.unreadableCertificate);

  const path: X509Certificate[] = [leaf];
  for (let current = leaf;;) {
    if (anchors.some((anchor) => sameCertificate(anchor, current))) break;
    const anchor = anchors.find((candidate) => candidate.ca && signedBy(current, candidate));
    if (anchor) {
      path.push(anchor);
      break;
    }
    const next = offered.find((candidate) =>
      candidate !== undefined && candidate.ca && !path.includes(candidate) &&
      signedBy(current, candidate)
    );
    if (!next || path.length >= MAX_CHAIN_LENGTH) {
      return refused(whyNoIssuer(current, current === leaf, anchors, offered));
    }
    path.push(next);
    current = next;
  }

  for (const cert of path) {
    const why = outOfDate(cert, now);
    if (why) return refused(cert === leaf ? why : t().tls.caCertificate(nameOf(cert), why));
  }
  const nameProblem = hostMismatch(leaf, host);
  return nameProblem ? refused(nameProblem) : { trusted: true };
}

function parse(cert: string | Uint8Array): X509Certificate | undefined {
  try {
    return new X509Certificate(cert);
  } catch {
    return undefined;
  }
}

function refused(reason: string): ChainVerdict {
  return { trusted: false, reason };
}

function sameCertificate(a: X509Certificate, b: X509Certificate): boolean {
  return a.fingerprint256 === b.fingerprint256;
}

/** True when `issuer`'s name is `cert`'s issuer and `issuer`'s key made `cert`'s signature. */
function signedBy(cert: X509Certificate, issuer: X509Certificate): boolean {
  if (cert.issuer !== issuer.subject) return false;
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false; // A key of another type, or a malformed one: it did not sign.
  }
}

/** Why no trusted path goes on from `cert`: the most telling reason first. */
function whyNoIssuer(
  cert: X509Certificate,
  isLeaf: boolean,
  anchors: readonly X509Certificate[],
  offered: readonly (X509Certificate | undefined)[],
): string {
  const it = isLeaf ? t().tls.it : t().tls.itsIssuer(nameOf(cert));
  const selfSigned = cert.issuer === cert.subject && verifiesItself(cert);
  const namesake = anchors.find((anchor) => anchor.subject === cert.issuer);
  if (namesake && !signedBy(cert, namesake)) {
    if (selfSigned && isLeaf) {
      return t().tls.selfSignedNotTrusted(nameOf(namesake));
    }
    if (selfSigned) {
      // The server sent a CA of its own under the trusted CA's name.
      return t().tls.signedByNamesake(nameOf(cert));
    }
    return t().tls.namesIssuer(it, nameOf(namesake));
  }
  if (namesake && !namesake.ca) {
    return t().tls.signedByNotCaTrusted(it, nameOf(namesake));
  }
  const signerNotCa = offered.find((other) =>
    other !== undefined && !other.ca && other !== cert && signedBy(cert, other)
  );
  if (signerNotCa) {
    return t().tls.signedByNotCa(it, nameOf(signerNotCa));
  }
  if (selfSigned) return isLeaf ? t().tls.selfSigned : t().tls.notTrustedHere(it);
  return t().tls.issuedByUntrusted(isLeaf ? undefined : it, nameOf(cert, "issuer"));
}

function verifiesItself(cert: X509Certificate): boolean {
  try {
    return cert.verify(cert.publicKey);
  } catch {
    return false;
  }
}

/** Why `cert` is not valid at `now`, or undefined when it is. */
function outOfDate(cert: X509Certificate, now: Date): string | undefined {
  if (cert.validToDate.getTime() < now.getTime()) {
    return t().tls.expired(formatDate(cert.validToDate));
  }
  if (cert.validFromDate.getTime() > now.getTime()) {
    return t().tls.notYetValid(formatDate(cert.validFromDate));
  }
  return undefined;
}

/**
 * Why `host` is not among the leaf's subjectAltName entries, or undefined when it
 * is. The common name is not looked at (as browsers and rustls do not).
 */
function hostMismatch(leaf: X509Certificate, host: string): string | undefined {
  const entries = subjectAltNames(leaf);
  const bare = host.replace(/^\[(.*)\]$/, "$1");
  const isIp = bare.includes(":") || /^\d+\.\d+\.\d+\.\d+$/.test(bare);
  const matches = isIp
    ? leaf.checkIP(bare) !== undefined
    : entries.some((entry) => entry.kind === "DNS" && dnsNameMatches(entry.value, bare));
  if (matches) return undefined;
  const names = entries.map((entry) => entry.value);
  return names.length > 0 ? t().tls.madeFor(names.join(", "), host) : t().tls.namesNoHost(host);
}

interface AltName {
  readonly kind: "DNS" | "IP";
  readonly value: string;
}

/** The DNS and IP entries of subjectAltName; anything else (or unusual) is left out. */
function subjectAltNames(cert: X509Certificate): AltName[] {
  const names: AltName[] = [];
  for (const entry of (cert.subjectAltName ?? "").split(", ")) {
    const dns = /^DNS:([A-Za-z0-9*._-]+)$/.exec(entry);
    if (dns) names.push({ kind: "DNS", value: dns[1] });
    const ip = /^IP Address:([0-9A-Fa-f:.]+)$/.exec(entry);
    if (ip) names.push({ kind: "IP", value: ip[1] });
  }
  return names;
}

/** Case-insensitive; `*.lab.test` stands for exactly one label (`vm1.lab.test`). */
function dnsNameMatches(pattern: string, host: string): boolean {
  const want = host.toLowerCase().replace(/\.$/, "");
  const have = pattern.toLowerCase();
  if (!have.startsWith("*.")) return have === want;
  const dot = want.indexOf(".");
  return dot > 0 && want.slice(dot + 1) === have.slice(2) && have.slice(2).includes(".");
}

/** `"tp1 test CA"`: the common name when there is one, else the whole name. */
function nameOf(cert: X509Certificate, which: "subject" | "issuer" = "subject"): string {
  const name = cert[which];
  const commonName = /(?:^|\n)CN=([^\n]*)/.exec(name)?.[1];
  return t().tls.quoted(commonName ?? name.replaceAll("\n", ", "));
}

/** `2026-03-01 12:00 UTC`: short, unambiguous, the same on every machine. */
function formatDate(date: Date): string {
  return Number.isNaN(date.getTime())
    ? t().tls.unreadableDate
    : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
