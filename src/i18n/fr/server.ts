/** Français : l'écran du serveur : écoute, qui s'est connecté, qui a fermé et comment. */
import type { serverEn } from "../en/server.ts";
import { plural } from "../plural.ts";

/** Les messages du serveur : écran et journal de l'opérateur, lignes envoyées avant de fermer. */
export const serverFr: typeof serverEn = {
  busy: (maxWaiting) =>
    `* désolé, le serveur est occupé : ${maxWaiting} ${
      plural("fr", maxWaiting, "client attend déjà son tour", "clients attendent déjà leur tour")
    } ; réessayez plus tard`,
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
  bannerServer: "serveur tp1",
  bannerChat: "salon tp1",
  bannerLabHint: "tapez une ligne pour l'envoyer à tous les clients ; /help liste les commandes",
  bannerChatHint:
    "les clients voient les lignes des autres ; les vôtres partent à tous sous le nom\n" +
    "<server> ; /help liste les commandes",
  bannerStop: "« exit », Ctrl-D ou Ctrl-C arrête le serveur",
  listeningEverywhere: (port, which) =>
    `en écoute sur le port ${port}, toutes les interfaces (${which})`,
  bothFamilies: "0.0.0.0 et [::]",
  reachAt: (addresses) => ` — joignable à ${addresses.join(" ou ")}`,
  logHeader: (where) => `* salon tp1, ${where}`,
  logStop: (pid) => `* arrêtez-le avec Ctrl-C ou « kill ${pid} »`,
  accepted: (peer, local) => `* connexion acceptée de ${peer} sur ${local}`,
  closedHow: (peer, how) => `* ${peer} fermée : ${how}`,
  pipedOutput: (command) =>
    `la sortie va dans un fichier ou un tube, donc tp1 serve fonctionne comme nc -l (les octets du client tels quels, pas d'invite, un seul client) ; pour garder plutôt un compte rendu de la discussion, lancez-le sans redirection : ${command} --record seance.md`,
};
