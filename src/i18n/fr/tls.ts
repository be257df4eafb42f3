/** Français : pourquoi une poignée de main TLS a échoué, tel que le client le dit. */
import type { tlsEn } from "../en/tls.ts";

/** Les phrases de src/tls/ que l'on lit. */
export const tlsFr: typeof tlsEn = {
  noCertificate: (where) => `${where} n'a envoyé aucun certificat`,
  notTrusted: (where, reason) =>
    `le certificat de ${where} n'est pas reconnu (${reason}) ; ` +
    `donnez le certificat de son autorité, ou épinglez son empreinte`,
  pinMismatch: (where, fingerprint, pinned) =>
    `le certificat de ${where} a pour empreinte ${fingerprint}, et non l'empreinte épinglée ${pinned} ; ` +
    `quelqu'un intercepte peut-être la connexion, ou le serveur a créé un nouveau certificat : demandez à qui le lance`,
  plainTextLine: (where, line) => `${where} a répondu en clair, pas en TLS : « ${line} »`,
  plainText: (where) => `${where} ne parle pas TLS (il a répondu en clair) : retirez --tls`,
  dropTls: (where) => `${where} ne parle pas TLS : retirez --tls`,
  noTlsAnswer: (where, seconds) =>
    `pas de réponse TLS de ${where} en ${seconds} s ; ` +
    `c'est sans doute un serveur sans TLS, qui attend que nous parlions en premier`,
  closedDuringHandshake: (where) =>
    `${where} a fermé la connexion pendant la poignée de main TLS ; est-ce un serveur TLS ?`,
  handshakeFailed: (where, detail) => `la poignée de main TLS avec ${where} a échoué : ${detail}`,
  madeFor: (names, host) => `il a été fait pour ${names}, pas pour ${host}`,
  namesNoHost: (host) => `il ne nomme aucun hôte, il ne peut donc pas être pour ${host}`,
  expired: (date) => `il a expiré le ${date}`,
  notYetValid: (date) =>
    `il n'est pas valide avant le ${date} ; vérifiez l'horloge des deux machines`,
  selfSigned: "certificat autosigné",
  issuedBy: (issuer) => `émis par « ${issuer} », une autorité qui n'est pas reconnue ici`,
  verificationFailed: "la vérification a échoué",
  quoted: (name) => `« ${name} »`,
  caCertificate: (name, why) => `le certificat d'autorité ${name} : ${why}`,
  it: "il",
  itsIssuer: (name) => `son émetteur ${name}`,
  selfSignedNotTrusted: (name) =>
    `il est autosigné, mais ce n'est pas le certificat reconnu de ce nom ` +
    `(${name}), qui a une autre clé : le certificat du serveur a été refait, ` +
    `ou c'est un imposteur`,
  signedByNamesake: (name) =>
    `il a été signé par ${name}, mais pas par le certificat reconnu de ce ` +
    `nom, qui a une autre clé : un imposteur, ou une autre autorité du même nom`,
  namesIssuer: (it, name) =>
    `${it} désigne ${name} comme émetteur, mais la clé du certificat reconnu ` +
    `de ce nom ne l'a pas signé : un imposteur, ou une autre autorité du même nom`,
  signedByNotCaTrusted: (it, name) =>
    `${it} a été signé par ${name}, un certificat reconnu qui n'est pas une autorité ` +
    `(pas de basicConstraints CA:TRUE), et qui ne peut donc pas en signer d'autres`,
  signedByNotCa: (it, name) =>
    `${it} a été signé par ${name}, qui n'est pas un certificat d'autorité`,
  notTrustedHere: (it) => `${it} n'est pas reconnu ici`,
  issuedByUntrusted: (it, name) =>
    `${
      it === undefined ? "émis" : `${it} est émis`
    } par ${name}, une autorité qui n'est pas reconnue ici`,
  unreadableDate: "une date illisible",
  chainWithoutCertificate: "le serveur n'a envoyé aucun certificat",
  unreadableCertificate: "son certificat ne se lit pas comme un certificat X.509",
};
