/** Français : l'écran du serveur : écoute, qui s'est connecté, qui a fermé et comment. */
import type { serverEn } from "../en/server.ts";
import { plural } from "../plural.ts";

/** Les messages du serveur : écran et journal de l'opérateur, lignes envoyées avant de fermer. */
export const serverFr: typeof serverEn = {
  busy: (maxWaiting) =>
    `* désolé, le serveur est occupé : ${maxWaiting} ${
      plural("fr", maxWaiting, "client attend", "clients attendent")
    } déjà leur tour ; réessayez plus tard`,
  refusedWaiting: (address, maxWaiting) =>
    `${address} refusé : ${maxWaiting} ${
      plural("fr", maxWaiting, "client attend", "clients attendent")
    } (--max-waiting)`,
  idleKick: (seconds) => `* aucun trafic pendant ${seconds} s : fermeture de votre connexion`,
  internalError: (address, why) => `* erreur interne en servant ${address} : ${why}`,
  internalErrorReason: "erreur interne",
  timedOut: "délai de connexion dépassé",
  listening: (where) => `en écoute sur ${where}`,
  connectionFrom: (where) => `connexion de ${where}`,
  pipedIdle: (peer, seconds) =>
    `${peer} : aucun trafic pendant ${seconds} s (--idle) : connexion fermée`,
  pipedDone: (peer, received, sent) =>
    `${peer} terminé : ${received} ${
      plural("fr", received, "octet reçu", "octets reçus")
    }, ${sent} ${plural("fr", sent, "octet envoyé", "octets envoyés")}`,
  stopped: "* serveur arrêté",
  stoppedDisconnected: (n) =>
    `* serveur arrêté : ${n} ${plural("fr", n, "client déconnecté", "clients déconnectés")}`,
};
