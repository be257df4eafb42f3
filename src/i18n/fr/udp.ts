/** Français : UDP (--udp) : serve, connect et port en datagrammes. */
import type { udpEn } from "../en/udp.ts";
import { plural } from "../plural.ts";

const noDtls = "TLS passe par une connexion, et UDP n'en a pas (tp1 ne parle pas DTLS)";
const noPassword =
  "un mot de passe se vérifie une fois, au début d'une connexion, et UDP n'en a pas";
const noPasswordServe = `${noPassword} ; choisissez qui peut envoyer avec --allow`;

/**
 * « 1 datagramme » → « 1 datagramme envoyé », « 2 datagrammes » → « 2 datagrammes envoyés » :
 * le participe s'accorde avec le nombre qui commence `counted` (déjà écrit par datagrams()).
 */
const agreed = (counted: string, participle: string) =>
  `${counted} ${plural("fr", Number.parseInt(counted, 10), participle, `${participle}s`)}`;

/** Les messages « udp » : erreurs d'usage de --udp, bannières, lignes de l'invite, erreurs. */
export const udpFr: typeof udpEn = {
  datagrams: (n) => `${n} ${plural("fr", n, "datagramme", "datagrammes")}`,
  bytes: (n) => `${n} ${plural("fr", n, "octet", "octets")}`,
  peers: (n) => `${n} ${plural("fr", n, "correspondant", "correspondants")}`,
  // « from » est le mot du TP (client.py affiche « from server: »), gardé tel quel.
  datagramLine: (from, size, text) => `from ${from} (${size}) : ${text}`,
  usage: {
    tcpOnly: (option, why) => `--${option} ne va pas avec --udp : ${why}`,
    udpOnly: (option) => `--${option} est pour UDP : ajoutez --udp`,
    why: {
      tls: noDtls,
      cert: noDtls,
      key: noDtls,
      ca: noDtls,
      fingerprint: noDtls,
      insecure: noDtls,
      password: noPasswordServe,
      "password-file": noPasswordServe,
      chat:
        "le salon relaie des lignes entre clients connectés ; avec --udp, /all répond à tous les correspondants entendus",
      "max-clients": "UDP n'a pas de clients à compter, seulement des datagrammes",
      "max-line": "un datagramme est pris en entier (jusqu'à 65 507 octets), pas découpé en lignes",
      once:
        "en UDP, un correspondant n'arrive ni ne part : rien ne dit au serveur qu'un client a fini",
      "keep-open":
        "un serveur UDP reçoit déjà les datagrammes de tout le monde, les uns après les autres",
      idle: "il n'y a pas de connexion à fermer après un silence",
      wait: "UDP envoie sans poignée de main : il n'y a pas de serveur à attendre",
      timeout: "UDP envoie sans poignée de main : la connexion ne peut pas être longue",
      record:
        "le compte rendu suit une connexion TCP (ouverture, lignes, fermeture), et UDP n'en a pas ; copiez plutôt l'écran dans votre compte rendu",
    },
    whyConnect: {
      password: noPassword,
      "password-file": noPassword,
    },
    noIpv6Broadcast:
      "IPv6 n'a pas de diffusion (il utilise la multidiffusion) ; donnez une adresse de diffusion IPv4, par ex. 192.168.100.255",
    needsBroadcast: (host) =>
      `${host} est une adresse de diffusion (toutes les machines de son réseau reçoivent les datagrammes), ` +
      "et le système n'y envoie que si on le lui demande : ajoutez --broadcast",
  },
  needsFfi: "UDP a besoin des appels socket de la bibliothèque C, que Deno n'autorise qu'avec " +
    "--allow-all (ou --allow-ffi) ; lancez « deno run --allow-all main.ts … »",
  needsLibc: (detail) => `UDP a besoin de la bibliothèque C de Linux (libc.so.6) : ${detail}`,
  portInUseBy: (port, holder) =>
    `le port UDP ${port} est déjà utilisé : ${holder} ; ou choisissez un autre port avec -p`,
  portInUse: (port) =>
    `le port UDP ${port} est déjà utilisé ; lancez « tp1 port --udp ${port} » pour voir par qui, ou choisissez un autre port avec -p`,
  privilegedPort: (port) =>
    `le port UDP ${port} est inférieur à 1024 et réservé à root ; lancez avec sudo ou choisissez un port à partir de 1024 avec -p`,
  notLocalAddress: (host) =>
    `${host} n'est pas une adresse de cette machine ; retirez --host pour écouter sur toutes les interfaces`,
  couldNotListen: (where, detail) => `impossible d'écouter sur UDP ${where} : ${detail}`,
  cannotSend: (where, detail) => `impossible d'envoyer vers UDP ${where} : ${detail}`,
  failed: (where, detail) => `UDP ${where} : ${detail}`,
  nobodyListening: (where, advise) =>
    `personne n'écoute sur UDP ${where} (sa machine a répondu « port injoignable »)` +
    (advise ? " ; lancez-y le serveur, ou vérifiez le port" : ""),
  errors: {
    "port-unreachable": "port injoignable",
    "not-permitted": "permission refusée",
    "too-big": "message trop long",
    "address-in-use": "adresse déjà utilisée",
    "address-not-available": "adresse non disponible",
    "network-unreachable": "aucune route vers le réseau ou la machine",
    other: "échec",
  },
  clientBanner: (to, from) => `client UDP tp1 — les datagrammes vont à ${to}, depuis ${from}`,
  clientBroadcastBanner: (to, port) =>
    `client UDP tp1 — les datagrammes vont à l'adresse de diffusion ${to} (toutes les ` +
    `machines de son réseau), depuis le port ${port}`,
  clientNoConnection: [
    "UDP n'a pas de connexion : rien ne dit si un serveur est là (envoyez quelque",
    "chose pour voir), les datagrammes peuvent se perdre ou arriver dans le désordre,",
    "et rien ne dit quand l'autre côté s'en va.",
    "une ligne tapée part en un datagramme ; « exit », Ctrl-D ou Ctrl-C pour quitter",
  ],
  notSent: (why) => `* non envoyé : ${why}`,
  sending: (to, from) => `envoi vers UDP ${to} depuis ${from}`,
  clientDone: (sent, sentBytes, received, receivedBytes) =>
    `terminé : ${agreed(sent, "envoyé")} (${sentBytes}), ${
      agreed(received, "reçu")
    } (${receivedBytes})`,
  serverBanner: "serveur UDP tp1",
  serverNoConnection: [
    "UDP n'a pas de connexion : un correspondant n'est connu qu'à son premier envoi,",
    "rien ne dit quand il part ; un datagramme peut se perdre ou arriver en désordre.",
    "une ligne tapée répond au dernier correspondant ; /help décrit /to, /all, /who",
    "« exit », Ctrl-D ou Ctrl-C arrête le serveur",
  ],
  listeningEverywhere: (port, addresses) =>
    `en écoute sur le port UDP ${port}, toutes les interfaces (${addresses})`,
  listeningOn: (where) => `en écoute sur UDP ${where}`,
  everyAddress: "0.0.0.0 et [::]",
  reachAt: (addresses) => ` — joignable à ${addresses.join(" ou ")}`,
  notSentTo: (to, detail) => `* non envoyé à ${to} : ${detail}`,
  serverStopped: "* serveur arrêté",
  couldNotSendTo: (to, detail) => `impossible d'envoyer à ${to} : ${detail}`,
  firstDatagram: (from) => `premier datagramme de ${from}`,
  moreSenders: (n) =>
    `${n} expéditeurs déjà nommés : les suivants sont comptés dans la ligne de fin, sans être nommés`,
  stdoutStalled: (bytes) =>
    `arrêt en cours, mais la sortie standard ne prend pas la fin de ce qui a été reçu (${bytes}) : ` +
    "Ctrl-C encore une fois pour partir sans eux",
  droppedByKernel: (datagrams) =>
    `le noyau a jeté ${datagrams}, que tp1 ne lisait pas assez vite ` +
    "(UDP n'a pas de contrôle de flux : rien ne ralentit l'émetteur)",
  notWritten: (bytes) =>
    `parti sans écrire la fin de ce qui a été reçu (${bytes}) : la sortie standard ne lisait pas`,
  serverDone: (received, receivedBytes, peers, sent, sentBytes) =>
    `terminé : ${agreed(received, "reçu")} (${receivedBytes}) de ${peers}, ${
      agreed(sent, "envoyé")
    } (${sentBytes})`,
  operatorHelp: [
    "* une ligne simple part vers le dernier correspondant entendu (en un datagramme)",
    "* /to ADRESSE:PORT texte  à un correspondant (/to 192.168.100.5:51234 salut)",
    "* /all texte              à tous ceux entendus ces 10 dernières minutes",
    "* /who                    les correspondants entendus, et quand",
    "* //texte envoie « /texte » ; « exit », Ctrl-D ou Ctrl-C arrête le serveur",
  ],
  allNeedsText: "* /all demande un texte : /all texte",
  toNeedsPeer: (command) =>
    `* /${command} demande un correspondant et un texte : /to ADRESSE:PORT texte`,
  unknownCommand: (command) =>
    `* commande inconnue /${command} : /help les liste (//${command} envoie la ligne telle quelle)`,
  noPeersYet:
    "* aucun datagramme reçu pour l'instant : un correspondant apparaît ici quand il en envoie un",
  peersHeader: (n) =>
    `* ${n} ${plural("fr", n, "correspondant entendu", "correspondants entendus")} ` +
    "(UDP n'a pas de connexion : un correspondant a pu partir sans un mot) :",
  peerLine: (ago, datagrams, bytes) => `entendu ${ago}, ${datagrams}, ${bytes}`,
  morePeers: (n) => `  … et ${n} de plus`,
  justNow: "à l'instant",
  secondsAgo: (s) => `il y a ${s} s`,
  minutesAgo: (m) => `il y a ${m} min`,
  hoursAgo: (h) => `il y a ${h} h`,
  dropped: (from, because, address) =>
    `* datagramme de ${from} ignoré (${because}) ; ` +
    `les suivants de ${address} sont ignorés sans un mot`,
  droppedTooMany: (n) =>
    `* ${n} adresses refusées déjà nommées : les datagrammes d'autres adresses refusées ` +
    "sont ignorés sans un mot",
  nobodyToAnswer:
    "* non envoyé : personne à qui répondre pour l'instant. UDP n'a pas de connexion : un " +
    "correspondant n'est connu qu'une fois qu'il a envoyé un datagramme (une ligne simple lui répond alors)",
  noSuchPeer: (peer) =>
    `* aucun correspondant ${peer} entendu : /who les liste (ADRESSE:PORT, par ex. 192.168.100.5:51234)`,
  noRecentPeer:
    "* non envoyé : aucun correspondant entendu ces 10 dernières minutes (/who les liste)",
  sentTo: (names, bytes, each) =>
    `* à ${names} (${bytes} ${plural("fr", bytes, "octet", "octets")}${each ? " chacun" : ""})`,
};
