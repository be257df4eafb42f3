/** Français : la porte d'entrée : lignes envoyées aux clients refusés, contrôles TLS et mot de passe. */
import type { gateEn } from "../en/gate.ts";
import { plural } from "../plural.ts";

/** Les messages de la porte d'entrée (les lignes envoyées aux clients sont reconnues dans toutes les langues). */
export const gateFr: typeof gateEn = {
  tlsOnly: "* ce serveur ne parle que TLS : connectez-vous avec tp1 connect --tls (ou ncat --ssl)",
  tlsOnlyPassword:
    "* ce serveur ne parle que TLS et demande un mot de passe : connectez-vous avec tp1 connect --tls --password (ou ncat --ssl)",
  plainOnly: "* ce serveur ne parle pas TLS : connectez-vous sans --tls",
  notAllowed: (ip) =>
    `* désolé, ${ip} n'a pas le droit de se connecter à ce serveur ; demandez à la personne qui le lance`,
  passwordRequest:
    "* ce serveur demande un mot de passe : tapez-le puis Entrée (tp1 connect --password le cache)",
  passwordAccepted: "* mot de passe accepté",
  passwordRejected: "* mot de passe incorrect : la connexion est fermée",
  throttled: (address, seconds) =>
    `* trop de mots de passe incorrects depuis ${address} : réessayez dans ${seconds} s`,
  busy: (address) =>
    `* trop de connexions depuis ${address} attendent un mot de passe : répondez-y ou fermez-les d'abord`,
  refused: (address, why) => `* ${address} refusé : ${why}`,
  notAnAddress: (address) => `« ${address} » n'est pas une adresse IP`,
  deniedBy: (rule) => `exclu par --deny ${rule}`,
  inNoAllowBlock: "dans aucun bloc --allow",
  couldNotAdmit: (address, why) => `* impossible d'accueillir ${address} : ${why}`,
  startedTls: "il a commencé une poignée de main TLS, mais ce serveur ne parle pas TLS",
  wrongPassword: "mot de passe incorrect",
  noPassword: "aucun mot de passe donné",
  moreRefused: (ip, n) =>
    `* ${ip} : ${n} ${
      plural("fr", n, "autre essai de mot de passe refusé", "autres essais de mot de passe refusés")
    } pendant sa mise à l'écart`,
  refusalsQuietFrom: (ip, seconds) =>
    `* ${ip} est refusé encore et encore : ses refus des ${seconds} s à venir sont comptés, pas affichés`,
  refusalsHiddenFrom: (ip, n) =>
    `* ${ip} : ${n} ${plural("fr", n, "refus non affiché", "refus non affichés")}`,
  refusalsQuiet: (seconds) =>
    `* trop de refus pour les afficher : ceux des ${seconds} s à venir sont comptés, pas affichés`,
  refusalsHidden: (n) => `* ${n} ${plural("fr", n, "refus non affiché", "refus non affichés")}`,
  throttledBusyLog: (ip) =>
    `trop de connexions depuis ${ip} attendent un mot de passe ; ses refus suivants sont comptés, pas affichés`,
  throttledWrongLog: (ip, seconds) =>
    `trop de mots de passe incorrects depuis ${ip} (prochain essai dans ${seconds} s) ; ses refus suivants sont comptés, pas affichés`,
  askedNothing: (where, seconds) =>
    `${where} n'a pas demandé de mot de passe en ${seconds} s ; ` +
    `est-ce un serveur tp1 lancé avec --password ? (sinon, retirez --password)`,
  throttledHere: (where, seconds) =>
    `${where} refuse pour l'instant les mots de passe venant de cette adresse (trop d'erreurs) : ` +
    `réessayez dans ${seconds} s, avec le bon mot de passe`,
  busyHere: (where) =>
    `${where} a trop de connexions de cette adresse qui attendent un mot de passe : ` +
    `répondez-y ou fermez-les, puis réessayez`,
  askedOther: (where, said) =>
    `${where} n'a pas demandé de mot de passe (il a dit : ${
      said === null ? "rien" : `« ${JSON.stringify(String(said)).slice(1, -1)} »`
    }) ; ` +
    `retirez --password`,
  refusedHere: (where) =>
    `${where} a refusé le mot de passe ; vérifiez-le auprès de la personne qui lance le serveur`,
  emptyPasswordFile: (path) => `le fichier de mot de passe ${path} commence par une ligne vide`,
  tlsServer: {
    it: "le client",
    theClientAt: (address) => `le client ${address}`,
    spokePlain: (who) => `${who} a parlé en clair, pas en TLS`,
    leftBefore: (who) => `${who} est reparti avant de commencer TLS`,
    reset: (who) => `${who} a réinitialisé la connexion`,
    silent: (who, seconds) =>
      `${who} n'a rien envoyé en ${
        comma(seconds)
      } s (sans doute un client sans --tls, à qui une ligne dit de l'ajouter)`,
    unfinished: (who, seconds) =>
      `${who} n'a pas terminé la poignée de main TLS en ${comma(seconds)} s`,
    leftDuring: (who) => `${who} est reparti pendant la poignée de main TLS`,
    failed: (who, why) => `la poignée de main TLS avec ${who} a échoué : ${why}`,
  },
};

/** `1.5` as French writes it, `1,5` (the catalogue cannot use decimal_mark.ts: it imports the catalogue). */
function comma(seconds: number): string {
  return String(seconds).replace(".", ",");
}
