/** Français : tp1 port --watch, chaque changement de socket et la phase de la connexion en clair. */
import type { Side, watchEn } from "../en/watch.ts";

const LE: Record<Side, string> = { server: "le serveur", client: "le client" };
const DU: Record<Side, string> = { server: "du serveur", client: "du client" };

/** Les mots de src/proc/socket_watch.ts. */
export const watchFr: typeof watchEn = {
  kernelKeepsIt: "-  (aucun processus : le noyau la garde)",
  alreadyThere: "déjà là",
  gone: "disparue",
  isNew: "nouvelle",
  was: (state) => `était ${state}`,
  listens: "le serveur écoute : prêt pour les poignées de main en trois temps des clients",
  synSent: "établissement : le client a envoyé SYN (étape 1 de la poignée de main en trois temps)",
  synRecv: "établissement : le serveur a reçu SYN et répondu SYN-ACK (étape 2 sur 3)",
  establishedClient:
    "établissement terminé côté client (SYN-ACK reçu, ACK envoyé) : le transfert peut commencer",
  establishedServer:
    "établissement terminé côté serveur (l'ACK du client est arrivé) : le transfert peut commencer",
  finWait1: (side) =>
    `fermeture : ${LE[side]} a fermé le premier (FIN envoyé) ; il finira en TIME_WAIT`,
  finWait2FirstSeen: (side, other) =>
    `fermeture : ${LE[side]} a fermé le premier (FIN envoyé) et ${LE[other]} l'a acquitté ; ` +
    `${LE[side]} attend le FIN ${DU[other]}`,
  finWait2: (side, other) =>
    `fermeture : ${LE[other]} a acquitté le FIN ${DU[side]} ; ${LE[side]} attend le FIN ${
      DU[other]
    }`,
  closeWait: (side, other) =>
    `fermeture : ${LE[side]} a reçu le FIN ${DU[other]} (${
      LE[other]
    } a fermé le premier) ; il ferme à son tour`,
  lastAck: (side) => `fermeture : ${LE[side]} a envoyé son FIN lui aussi et attend le dernier ACK`,
  closing: "fermeture : les deux côtés ont envoyé FIN en même temps",
  timeWait: (side) =>
    `fermeture : ${
      LE[side]
    } a fermé le premier, son extrémité attend donc en TIME_WAIT (60 s environ) — ` +
    `c'est pourquoi le port peut encore paraître « occupé » après l'arrêt du programme`,
  timeWaitOver: "fin du TIME_WAIT : il ne reste rien de cette connexion",
  stoppedListening: "le serveur a cessé d'écouter",
  closedSecond: (side) =>
    `fermeture terminée côté ${
      side === "server" ? "serveur" : "client"
    } : il a fermé en second (son FIN a reçu le dernier ACK)`,
  endClosed: (side) =>
    `fermeture : l'extrémité ${
      DU[side]
    } est fermée (les états intermédiaires sont passés plus vite que les lectures)`,
  needsAllowAll: (port) =>
    `impossible d'examiner le port ${port} : Deno ne laisse un programme lire /proc que lancé avec --allow-all, ` +
    `et tp1 a été lancé sans ; lancez plutôt « deno run --allow-all main.ts port ${port} » ou « sudo lsof -i :${port} ».`,
  linuxOnly: (port, path) =>
    `impossible d'examiner le port ${port} : ${path} n'existe pas, et tp1 port ne marche que sous Linux ; ` +
    `essayez plutôt « lsof -i :${port} » ou « netstat -an ».`,
};
