/** Français : les comptes rendus de --record — en-tête, événements, tableau des phases, ligne de fin. */
import type { recordEn } from "../en/record.ts";
import { plural } from "../plural.ts";

/** Les mots d'un compte rendu (heures et adresses restent telles quelles). */
export const recordFr: typeof recordEn = {
  recorded: (title, when) => `${title} — enregistré le ${when}`,
  command: "Commande",
  localAddress: "Adresse locale",
  peerAddress: "Adresse distante",
  version: "Version de tp1",
  peerPerConnection: "une par connexion, ci-dessous",
  everyInterface: (address) => `${address} (toutes les interfaces)`,
  cutShort: "*(enregistrement interrompu : tp1 a été arrêté avant de pouvoir le terminer)*",
  phases: {
    setup: "établissement",
    transfer: "transfert de données",
    closing: "fermeture",
  },
  tableHeader: "| Heure | Phase TCP | Ce qui s'est passé |",
  timeline: "Chronologie :",
  listening: (address) => `en écoute sur ${address}`,
  connectedTo: (local, peer) => `connecté de ${local} à ${peer}`,
  accepted: (peer, local) => `${peer} accepté sur ${local}`,
  handshakeDone: (what) => `${what} (poignée de main en trois temps terminée)`,
  firstTyped: (who) => `première ligne, tapée par le ${who}`,
  firstReceived: "première ligne reçue",
  closedWith: (peer, summary) => `avec ${peer} : ${summary}`,
  connectionClosed: (peer, summary) => `* connexion avec ${peer} fermée : ${summary}`,
  ended: (duration, typed, shown, sent, received) =>
    `enregistrement terminé après ${duration} : ${typed} ${
      plural("fr", typed, "ligne tapée", "lignes tapées")
    }, ${shown} ${plural("fr", shown, "affichée", "affichées")} ; ${sent} ${
      plural("fr", sent, "octet envoyé", "octets envoyés")
    }, ${received} ${plural("fr", received, "reçu", "reçus")} en tout`,
  youClient: "client (vous)",
  youServer: "serveur (vous)",
  stopped: (detail) => `le compte rendu s'est arrêté : ${detail}`,
  cannotWrite: (path, why) => `impossible d'écrire le compte rendu dans ${path} : ${why}`,
  noSuchFolder: "son dossier n'existe pas",
  notPermitted: "permission refusée (choisissez un fichier dans un dossier où vous pouvez écrire)",
  isAFolder: "c'est un dossier ; donnez un nom de fichier",
};
