/** Français : le salon : annonces, réponses aux commandes (ce que le serveur envoie aux clients). */
import type { roomEn } from "../en/room.ts";
import { plural } from "../plural.ts";

/** Les messages du salon : ce que lit l'opérateur et ce que le serveur envoie aux clients. */
export const roomFr: typeof roomEn = {
  quote: (text) => `« ${text} »`,
  clientsConnected: (n) => `${n} ${plural("fr", n, "client connecté", "clients connectés")}`,
  stopping: "* le serveur s'arrête : au revoir",
  labJoined: (address, name) => `* nouvelle connexion : ${address}, sous le nom ${name}`,
  chatJoined: (name, from) => `* ${name} arrive depuis ${from}`,
  nobodyElseYet: "* personne d'autre n'est là pour l'instant",
  hereAlready: (names) => `* déjà là : ${names}`,
  welcome: (name) => `* bienvenue dans le salon tp1, ${name} !`,
  welcomeHint: "* /nick NOM change votre nom, /help liste les commandes",
  roomIsLarge:
    "* le salon est grand : les arrivées et départs ne sont pas annoncés (/who liste qui est là)",
  noLongerAnnounced: (limit) =>
    `* plus de ${limit} personnes sont là : les arrivées et départs ne sont plus annoncés (/who liste qui est là)`,
  leave: {
    closedLab: (who) => `* ${who} a fermé la connexion`,
    closed: (who) => `* ${who} a quitté le salon`,
    reset: (who) => `* ${who} a quitté le salon (connexion réinitialisée)`,
    quit: (who) => `* ${who} a quitté le salon (/quit)`,
    kicked: (who, reason) =>
      reason ? `* l'opérateur a exclu ${who} (${reason})` : `* l'opérateur a exclu ${who}`,
    idle: (who, seconds) => `* ${who} : connexion fermée (aucun trafic pendant ${seconds} s)`,
    tooSlow: (who) => `* ${who} : connexion fermée (ne lit pas assez vite)`,
    error: (who, message) => `* ${who} a quitté le salon (${message})`,
  },
  bye: (name) => `* au revoir, ${name}`,
  usage: (usage) => `* usage : ${usage}`,
  renamed: (old, nick) => `* ${old} s'appelle désormais ${nick}`,
  youAreNow: (nick) => `* vous vous appelez désormais ${nick}`,
  privateFrom: (name, text) => `[privé] <${name}> ${text}`,
  privateTo: (name, text) => `[privé pour ${name}] ${text}`,
  msgToYourself: "* c'est vous : /msg envoie à quelqu'un d'autre",
  operatorQuit: "* tapez « exit » (ou Ctrl-D) pour arrêter le serveur",
  nobodyConnectedNotSent: "* personne n'est connecté : cette ligne n'a pas été envoyée",
  youWereKicked: (reason) =>
    `* l'opérateur du serveur met fin à votre connexion${reason ? ` : ${reason}` : ""}`,
  forOperator: (name, commands) =>
    `* /${name} est réservée à l'opérateur du serveur ; vos commandes : ${commands}`,
  forClients: (name, commands) =>
    `* /${name} est réservée aux clients ; vos commandes : ${commands}`,
  unknownCommand: (name, commands) =>
    `* commande inconnue « /${name} » ; commandes : ${commands} (//texte envoie une ligne qui commence par /)`,
  nobodyCalled: (name) => `* personne ici ne s'appelle « ${name} » ; /who liste qui est connecté`,
  lineCutChat: (bytes) =>
    `* votre ligne dépassait ${bytes} octets (--max-line du serveur) : seul son début a été envoyé`,
  lineCutLab: (who, bytes) =>
    `* ${who} a envoyé une ligne de plus de ${bytes} octets (--max-line) : la suite a été ignorée`,
  who: {
    nobody: "* personne n'est connecté",
    header: (n) => `* ${n} ${plural("fr", n, "client connecté", "clients connectés")} :`,
    since: (time, duration) => `depuis ${time} (${duration})`,
    you: "(vous)",
    more: (n) => `*   … et ${n} de plus`,
    and: "et",
    others: (n) => `${n} ${plural("fr", n, "autre", "autres")}`,
  },
  help: {
    args: {
      nick: "NOM",
      msg: "NOM texte",
      me: "texte",
      to: "NOM texte",
      all: "texte",
      kick: "NOM [raison]",
      slash: "//texte",
    },
    title: "* commandes :",
    who: "liste qui est connecté, depuis où et depuis quand",
    nick: "change votre nom (lettres, chiffres, _ - .)",
    msg: "envoie un message privé à NOM",
    me: "dit ce que vous faites : /me salue → * alice salue",
    to: "envoie une ligne à un seul client",
    all: "envoie une ligne à tous les clients",
    kick: "déconnecte un client, en disant à tous pourquoi",
    help: "affiche cette liste",
    quit: "quitte le salon",
    slash: "envoie une ligne qui commence par /",
  },
  nick: {
    oneWord: (suggestion) => `un nom est un seul mot : essayez ${suggestion}`,
    tooLong: (shown, max) => `${shown} est trop long : ${max} caractères au plus`,
    invalid: (shown) =>
      `${shown} n'est pas un nom valide : lettres, chiffres, _ - et ., en commençant par une lettre ou un chiffre`,
    tooManyMarks: (shown, max) => `${shown} a trop d'accents sur une même lettre : ${max} au plus`,
    alreadyYours: (current) => `vous vous appelez déjà ${current}`,
    reserved: (shown) => `${shown} est réservé : choisissez un autre nom`,
    looksReserved: (shown, reserved) =>
      `${shown} ressemble à « ${reserved} », qui est réservé : choisissez un autre nom`,
    taken: (shown) => `${shown} est déjà pris : choisissez un autre nom`,
    looksTaken: (shown) => `${shown} ressemble au nom de quelqu'un ici : choisissez un autre nom`,
  },
  full: (max) =>
    `* désolé, le serveur est complet : ${max} ${
      plural("fr", max, "client connecté", "clients connectés")
    }, le maximum qu'il accepte ; réessayez plus tard`,
  fullLog: (address, max) => `* ${address} refusé : le serveur est complet (--max-clients ${max})`,
};
