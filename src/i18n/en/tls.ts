/** English: why a TLS handshake failed, as the client tells it. */

/** The sentences of src/tls/ that people read. */
export const tlsEn = {
  noCertificate: (where: string) => `${where} sent no certificate`,
  notTrusted: (where: string, reason: string) =>
    `the certificate of ${where} is not trusted (${reason}); ` +
    `give its CA certificate, or pin its fingerprint`,
  pinMismatch: (where: string, fingerprint: string, pinned: string) =>
    `the certificate of ${where} has fingerprint ${fingerprint}, not the pinned ${pinned}; ` +
    `someone may be intercepting, or the server made a new certificate: ask its operator`,
  plainTextLine: (where: string, line: string) =>
    `${where} answered in plain text, not TLS: "${line}"`,
  plainText: (where: string) =>
    `${where} does not speak TLS (it answered in plain text): drop --tls`,
  /** A plain tp1 server's answer to a TLS handshake. */
  dropTls: (where: string) => `${where} does not speak TLS: drop --tls`,
  noTlsAnswer: (where: string, seconds: number) =>
    `no TLS answer from ${where} within ${seconds} s; ` +
    `it is probably a server without TLS, waiting for us to speak first`,
  closedDuringHandshake: (where: string) =>
    `${where} closed the connection during the TLS handshake; is it a TLS server?`,
  handshakeFailed: (where: string, detail: string) =>
    `the TLS handshake with ${where} failed: ${detail}`,
  madeFor: (names: string, host: string) => `it was made for ${names}, not for ${host}`,
  namesNoHost: (host: string) => `it names no host, so it cannot be for ${host}`,
  expired: (date: string) => `it expired on ${date}`,
  notYetValid: (date: string) => `it is not valid before ${date}; check both machines' clocks`,
  selfSigned: "self-signed certificate",
  issuedBy: (issuer: string) => `issued by "${issuer}", an authority not trusted here`,
  verificationFailed: "verification failed",
  // Why tp1's own chain check (--ca) refused a certificate (src/tls/verify_chain.ts).
  quoted: (name: string) => `"${name}"`,
  caCertificate: (name: string, why: string) => `the CA certificate ${name}: ${why}`,
  it: "it",
  itsIssuer: (name: string) => `its issuer ${name}`,
  selfSignedNotTrusted: (name: string) =>
    `it is self-signed, but not the trusted certificate of that name ` +
    `(${name}), which has another key: the server's certificate was made ` +
    `again, or this is an impostor`,
  signedByNamesake: (name: string) =>
    `it was signed by ${name}, but not by the trusted certificate of that ` +
    `name, which has another key: an impostor, or another CA with the same name`,
  namesIssuer: (it: string, name: string) =>
    `${it} names ${name} as its issuer, but the key of the trusted ` +
    `certificate of that name did not sign it: an impostor, or another CA with the same name`,
  signedByNotCaTrusted: (it: string, name: string) =>
    `${it} was signed by ${name}, a trusted certificate that is not a CA ` +
    `(no basicConstraints CA:TRUE), so it may not sign others`,
  signedByNotCa: (it: string, name: string) =>
    `${it} was signed by ${name}, which is not a CA certificate`,
  notTrustedHere: (it: string) => `${it} is not trusted here`,
  issuedByUntrusted: (it: string | undefined, name: string) =>
    `${it === undefined ? "" : `${it} is `}issued by ${name}, an authority not trusted here`,
  unreadableDate: "an unreadable date",
  chainWithoutCertificate: "the server sent no certificate",
  unreadableCertificate: "its certificate cannot be read as X.509",
};
