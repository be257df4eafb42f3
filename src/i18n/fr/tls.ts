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
  unreadableDate: "une date illisible",
};
