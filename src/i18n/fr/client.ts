/** Français : les messages propres à tp1 connect — bannière, attente, étapes de -v, confiance TLS, fin de séance. */
import type { clientEn } from "../en/client.ts";
import { octets } from "./common.ts";

/** Les messages locaux de tp1 connect (chaque client dans sa propre langue). */
export const clientFr: typeof clientEn = {
  connecting: (where) => `connexion à ${where}`,
  passwordAccepted: "mot de passe accepté",
  connectedTlsHandshake: (where) => `connecté à ${where} ; poignée de main TLS`,
  connected: (where) => `connecté à ${where}`,
  done: (sent, received) => `terminé : ${octets(sent, "envoyé")}, ${octets(received, "reçu")}`,
  idleClosed: (seconds) => `aucun trafic pendant ${seconds} s (--idle) : connexion fermée`,
  banner: (remote, local) => `client tp1 — connecté à ${remote} depuis ${local}`,
  bannerHint: "tapez une ligne pour l'envoyer ; « exit », Ctrl-D ou Ctrl-C pour quitter",
  waiting: (where, attempt, nextInSeconds) =>
    `en attente de ${where}… ` +
    `essai ${attempt} échoué, prochain dans ${nextInSeconds} s (Ctrl-C pour arrêter)`,
  gaveUpWaiting: (where, attempts, reason) =>
    `abandon de l'attente de ${where} après ${attempts} essais : ${reason}`,
  tlsOn: (fingerprint) => `TLS activé : empreinte SHA-256 du certificat ${fingerprint}`,
  madeForThisRun: (command) =>
    `(créé pour cette séance) les clients se connectent avec : ${command}`,
  clientsConnectWith: (command) =>
    `les clients se connectent avec : ${command} (ou --fingerprint comme ci-dessus)`,
  madeForThisRunTitle: "(créé pour cette séance) les clients se connectent avec :",
  clientsConnectWithTitle: "les clients se connectent avec (ou --fingerprint comme ci-dessus) :",
  whiteboardTitle: (digits) =>
    `ou, assez court pour le tableau (les ${digits} premiers chiffres hexadécimaux) :`,
  hostPlaceholder: "HÔTE",
  whiteboard: (digits, command) =>
    `ou, assez court pour le tableau (les ${digits} premiers chiffres hexadécimaux) : ${command}`,
  closedSummary: (summary) => `* connexion fermée : ${summary}`,
  passwordAsked:
    "* le serveur demande un mot de passe : tapez-le (il ne s'affiche pas) puis appuyez sur Entrée",
  latePasswordRequest: "* attention : un serveur tp1 ne demande son mot de passe qu'une fois, " +
    "en première ligne, et tp1 cache alors ce que vous tapez ; ce que vous tapez ici est affiché " +
    "et envoyé comme un message",
  lineNotSent: "* la connexion est fermée : cette ligne n'a pas été envoyée",
  resetByServer: "* connexion réinitialisée par le serveur",
  serverClosed: "* le serveur a fermé la connexion",
  idleClosing: (seconds) =>
    `* aucun trafic pendant ${seconds} s (--idle) : fermeture de la connexion`,
  serverStoppedReading: (seconds) =>
    `* le serveur n'a rien lu pendant ${seconds} s : vos dernières lignes n'ont pas été livrées`,
  closed: "* la connexion est fermée",
  youLeft: "* vous avez quitté la séance ; la connexion est fermée",
  stepResolved: (took, addresses) => `* résolution du nom : ${took} (${addresses})`,
  stepConnected: (where, took, local) =>
    `* connexion TCP (poignée de main en trois temps) vers ${where} : ${took}, depuis ${local}`,
  stepTls: (took, version, cipher) =>
    `* poignée de main TLS : ${took}, ${version ?? "version inconnue"}, ${
      cipher ?? "chiffrement inconnu"
    }`,
  speaksTls: (where, command) =>
    `${where} parle TLS : ajoutez --tls (et --fingerprint … pour l'épingler), par ex.\n` +
    `  ${command}\n` +
    "qui affiche l'empreinte du serveur, à comparer avec celle affichée sur son écran",
  passwordRefused: (where) =>
    `${where} a refusé le mot de passe ; vérifiez-le auprès de la personne qui lance le serveur ` +
    "(tp1 connect --password le demande sans écho)",
  pinMismatch: (where, fingerprint, pinned) =>
    `le certificat de ${where} a pour empreinte ${fingerprint}, qui ` +
    `ne commence pas par l'empreinte épinglée ${pinned} ; comparez de nouveau avec l'écran du ` +
    "serveur : quelqu'un intercepte peut-être la connexion, ou le serveur a créé un nouveau certificat",
  untrusted: (where, reason, fingerprint, command) =>
    `le certificat de ${where} n'est pas reconnu (${reason})\n` +
    `son empreinte SHA-256 est ${fingerprint}\n` +
    `si c'est votre serveur de TP, vérifiez que l'écran du serveur affiche cette même ` +
    `empreinte, puis connectez-vous avec :\n` +
    `  ${command}`,
  untrustedOrCa:
    "\nou donnez son certificat (par ex. tp1-cert.pem venant de tp1 cert) avec --ca FICHIER",
  verificationFailed: "la vérification a échoué",
  caNotX509: (path) =>
    `« ${path} » contient un bloc de certificat qui n'est pas un certificat X.509 lisible : ` +
    "recopiez le fichier depuis le serveur (par ex. tp1-cert.pem venant de tp1 cert)",
  caIsKey: (path) =>
    `« ${path} » est une clé privée, pas un certificat : donnez à --ca le certificat ` +
    "(par ex. tp1-cert.pem), et gardez la clé sur le serveur seulement",
  caNoCertificate: (path) =>
    `« ${path} » ne contient aucun certificat PEM (un bloc « -----BEGIN CERTIFICATE----- ») ; ` +
    "donnez à --ca le certificat du serveur ou de son autorité, par ex. tp1-cert.pem venant de tp1 cert",
  caFileWhat: "le fichier --ca",
  unknown: "inconnue",
  trustPinnedPrefix: (prefix) => `correspond au début d'empreinte épinglé ${prefix}`,
  trustPinned: "correspond à l'empreinte épinglée",
  trustInsecure: "n'est PAS vérifié (--insecure)",
  trustCa: (files) => `est vérifié avec --ca ${files}`,
  trustSystem: "est vérifié par les autorités du système",
  tlsLine: (protocol, trust, fingerprint) =>
    `${protocol} : le certificat du serveur ${trust}\nempreinte SHA-256 du certificat du serveur : ${fingerprint}`,
  insecureWarning: (fingerprint, command) =>
    // The same prefixes as tp1's other stderr lines in French (terminal.logPrefix, warningPrefix).
    `tp1 : avertissement : --insecure : le certificat du serveur n'a PAS été vérifié,\n` +
    `tp1 : donc n'importe qui sur le chemin réseau pourrait lire ou modifier cette\n` +
    `tp1 : connexion\n` +
    `tp1 : le certificat du serveur a pour empreinte SHA-256 ${fingerprint}\n` +
    `tp1 : si le serveur affiche la même empreinte, connectez-vous ainsi la prochaine\n` +
    `tp1 : fois :\n` +
    `tp1 :   ${command}\n`,
};
