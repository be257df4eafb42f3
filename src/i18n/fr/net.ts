/** Français : les sockets — pourquoi une connexion ou une écoute a échoué et que faire, la résolution des noms. */
import type { netEn } from "../en/net.ts";
import { plural } from "../plural.ts";

/** Les phrases de src/net/. */
export const netFr: typeof netEn = {
  refused: (where, port) =>
    `personne n'écoute sur ${where} (connexion refusée) ; lancez-y le serveur avec : tp1 serve -p ${port}`,
  timedOut: (where, seconds) =>
    `pas de réponse de ${where}${
      seconds ? ` en ${seconds} s` : ""
    } (délai de connexion dépassé) ; vérifiez l'adresse, et qu'un pare-feu ne jette pas les paquets`,
  unreachable: (where) =>
    `${where} est injoignable (aucune route vers l'hôte) ; vérifiez l'adresse et que les deux machines sont sur le même réseau`,
  resetWhileOpening: (where) =>
    `${where} a réinitialisé la connexion pendant son ouverture ; est-ce vraiment un serveur tp1 ?`,
  couldNotConnect: (where, detail) => `impossible de se connecter à ${where} : ${detail}`,
  connectTimedOut: (where) => `délai dépassé pour la connexion à ${where}`,
  portInUseBy: (port, holder) =>
    `le port ${port} est déjà utilisé : ${holder} ; ou choisissez un autre port avec -p`,
  portInUse: (port) =>
    `le port ${port} est déjà utilisé ; lancez « tp1 port ${port} » pour voir par qui, ou choisissez un autre port avec -p`,
  privilegedPort: (port) =>
    `le port ${port} est inférieur à 1024 et seul root peut y écouter ; lancez avec sudo ou choisissez un port à partir de 1024 avec -p`,
  notLocalAddress: (host) =>
    `${host} n'est pas une adresse de cette machine ; retirez --host pour écouter sur toutes les interfaces`,
  couldNotListen: (where, detail) => `impossible d'écouter sur ${where} : ${detail}`,
  unknownHost: (host) =>
    `hôte inconnu « ${host} » : ce nom ne se résout pas ; vérifiez l'orthographe ou utilisez une adresse IP`,
  noDnsAnswer: (host) =>
    `impossible de résoudre « ${host} » : aucun serveur DNS n'a répondu (panne passagère) ; utilisez ` +
    "plutôt l'adresse IP du serveur (ip -4 addr sur le serveur la montre), ou vérifiez la " +
    "configuration réseau (/etc/resolv.conf) et réessayez",
  lookupFailed: (host, detail) =>
    `impossible de résoudre « ${host} » (${detail}) ; utilisez plutôt l'adresse IP du serveur ` +
    "(ip -4 addr sur le serveur la montre)",
  cannotAccept: (cause) =>
    `impossible d'accepter de nouvelles connexions : ${cause} ; elles attendent dans la file ` +
    `et seront prises dès que des descripteurs se libèrent`,
  acceptingAgain: (seconds) =>
    `les connexions sont de nouveau acceptées (elles ne l'ont pas été pendant ${seconds} s)`,
  tooManyFiles: "ce processus a trop de fichiers ouverts (EMFILE ; ulimit -n relève la limite)",
  systemTooManyFiles: "le système a trop de fichiers ouverts (ENFILE)",
  shortOfMemory: (code) => `le système manque de mémoire (${code})`,
  closedBeforeInputSent:
    "l'autre côté a fermé la connexion avant que toute l'entrée standard soit envoyée",
  resetAfter: (bytes) =>
    `connexion réinitialisée par l'autre côté après ${bytes} ${
      plural("fr", bytes, "octet reçu", "octets reçus")
    }`,
};
