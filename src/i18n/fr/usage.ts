/** Français : les erreurs sur la ligne de commande (code 2), chacune avec ce qu'il faut écrire. */
import type { usageEn } from "../en/usage.ts";

/** Les erreurs d'usage de chaque commande et de la lecture des options. */
export const usageFr: typeof usageEn = {
  lines: {
    serve:
      "tp1 serve [-p PORT] [--host ADRESSE] [--udp] [--chat] [--tls] [--allow CIDR] [--password] [options]",
    connect:
      "tp1 connect HÔTE [PORT] [--udp [--broadcast]] [--tls [--ca FICHIER | --fingerprint EMPREINTE | --insecure]] [options]",
    port: "tp1 port [--tcp | --udp] [PORT] [--watch]",
    cert: "tp1 cert [--out DOSSIER] [--name HÔTE]... [--days N] [--ca] [--force]",
  },
  takesNoValue: (flag, arg) =>
    `${flag} ne prend pas de valeur (reçu « ${arg} ») ; écrivez juste ${flag}`,
  shortTakesNoValue: (flag, arg) => `${flag} ne prend pas de valeur (reçu « ${arg} »)`,
  longWithOneDash: (arg) =>
    `option inconnue « ${arg} » (les options longues commencent par deux tirets : « -${arg} »)`,
  unknownOption: (flag) => `option inconnue « ${flag} »`,
  unknownOptionMeant: (flag, meant) =>
    `option inconnue « ${flag} » (vouliez-vous dire --${meant} ?)`,
  unknownLetterIn: (flag, arg) => `option inconnue « ${flag} » dans « ${arg} »`,
  ncWaitFlag: (seconds) => {
    const s = seconds ?? "SECONDES";
    const after = seconds === undefined ? s : `${s} s`;
    // Added after « -w » : the no-break space before « ; » is written out (it starts the text).
    return `\u00a0; le -w ${s} de nc abandonne la connexion au bout de ${after} : écrivez --timeout ${s} ` +
      `(ou --idle ${s} pour fermer une connexion restée silencieuse ${after})`;
  },
  needsValue: (flag) => `${flag} attend une valeur`,
  needsValueNotOption: (flag, next) =>
    `${flag} attend une valeur, mais « ${next} » le suit ; écrivez ${flag} VALEUR`,
  unknownCommand: (name) => `commande inconnue « ${name} »`,
  unknownCommandMeant: (name, meant) =>
    `commande inconnue « ${name} » (vouliez-vous dire tp1 ${meant} ?)`,
  helpTakesOne: (topic, extra) =>
    `tp1 help prend une seule commande, reçu « ${topic} » et « ${extra} »`,
  noCommand: (topic, commands) => `pas de commande « ${topic} » ; les commandes sont ${commands}`,
  noCommandMeant: (topic, meant) =>
    `pas de commande « ${topic} » (vouliez-vous dire tp1 help ${meant} ?)`,
  unexpectedArgument: (arg) => `argument inattendu « ${arg} »`,
  wholeNumber: (flag, max, text) =>
    `${flag} attend un nombre entier de 1 à ${max}, reçu « ${text} »`,
  seconds: (flag, text) => `${flag} attend un nombre de secondes supérieur à 0, reçu « ${text} »`,
  portRange: (text) => `le port doit être un nombre entier de 1 à 65535, reçu « ${text} »`,
  serveUnexpected: (arg) => `argument inattendu « ${arg} » (choisissez le port avec -p PORT)`,
  onceAndKeepOpen: "--once et --keep-open se contredisent ; choisissez l'un des deux",
  roomOnly: (flag) =>
    `${flag} concerne le salon, pas le mode tube : ajoutez --chat (ou lancez sur un terminal)`,
  maxWaitingInRoom:
    "--max-waiting concerne le mode tube (-k), pas le salon : utilisez --max-clients",
  serveRecordPiped:
    "--record note une discussion : lancez sur un terminal ou ajoutez --chat (en tube, tp1 serve > FICHIER garde les octets)",
  lineBytes: (flag, min, max, text) =>
    `${flag} attend un nombre d'octets de ${min} à ${max} (par ex. 4096, 64k, 1m), reçu « ${text} »`,
  allowFileEmpty:
    "le fichier --allow-file ne donne aucune adresse : personne ne pourrait se connecter",
  keyWithoutCert: "--key va avec --cert : donnez aussi le certificat",
  passwordWordFollows:
    "un mot suit --password, et tp1 ne le prend ni pour le mot de passe ni pour l'hôte : " +
    "écrivez --password=SECRET, ou mettez --password à la fin pour qu'il soit demandé sans écho",
  passwordTwice: "donnez --password ou --password-file, pas les deux",
  passwordEmpty: "le mot de passe est vide",
  didYouMean: (problem, command) => `${problem} ; vouliez-vous dire :\n  ${command}`,
  connectRecordPiped:
    "--record note une discussion sur un terminal ; en tube, tp1 transmet des octets (redirigez-les plutôt vers un fichier)",
  whichHost: "quel hôte ? donnez l'adresse du serveur, par ex. tp1 connect 192.168.100.4",
  portTwice: "donnez le port une seule fois : soit comme PORT, soit avec -p",
  hostEmpty: (target) => `l'hôte est vide dans « ${target} »`,
  twoPorts: (a, b) => `deux ports différents ont été donnés : ${a} et ${b}`,
  isUrl: (target, scheme) =>
    `« ${target} » est une URL (${scheme}://…) ; tp1 attend l'adresse et le port du serveur, pas une URL`,
  isNetwork: (target, prefix) =>
    `« ${target} » est un réseau (/${prefix} est la longueur de son préfixe), pas l'adresse d'une machine ; donnez l'adresse seule`,
  hasSlash: (target) =>
    `« ${target} » contient un « / », ce que n'a jamais un nom d'hôte ni une adresse`,
  afterBracket: (target) => `« ${target} » a autre chose que « :PORT » après le « ] »`,
  noClosingBracket: (target) => `il manque le « ] » fermant à « ${target} »`,
  colons: (target, count) =>
    `« ${target} » a ${count} deux-points ; écrivez HÔTE:PORT (un seul deux-points), ou une adresse IPv6`,
  notIpv4: (host) =>
    `« ${host} » n'est pas une adresse IPv4 : il faut quatre nombres de 0 à 255 séparés par des points, par ex. 192.168.100.4`,
  leadingZero: (written, zeroed, octal, decimal, fixed) =>
    `« ${written} » a un nombre écrit avec un zéro devant (${zeroed}), que certains outils lisent ` +
    `en octal${octal} et d'autres en décimal (${decimal}) : écrivez ${fixed} si vous voulez dire décimal`,
  notIpv6: (host, target) => `« ${host} » n'est pas une adresse IPv6 (dans « ${target} »)`,
  userAndHost: (host) =>
    `« ${host} » nomme un utilisateur en plus de l'hôte (comme ssh) ; tp1 attend l'hôte seul`,
  notHostName: (host) =>
    `« ${host} » n'est ni un nom d'hôte ni une adresse IP (un nom a des lettres, des chiffres, des « - » et des points, par ex. vm1 ou 192.168.100.4)`,
  insecureAndFingerprint:
    "--insecure coupe la vérification et --fingerprint est une vérification : n'en donnez qu'un",
  insecureAndCa: "--insecure coupe la vérification, --ca serait donc ignoré : n'en donnez qu'un",
  caAndFingerprint:
    "donnez soit --ca (faire confiance à ce que cette autorité a signé), soit --fingerprint (faire confiance à un seul certificat), pas les deux",
  sha1Fingerprint: (text) =>
    `« ${text} » est une empreinte SHA-1 (comme l'affiche ncat) ; --fingerprint attend l'empreinte SHA-256 ` +
    "(64 chiffres hexadécimaux, ou les 20 premiers), telle que l'affichent tp1 serve --tls et tp1 cert",
  fingerprintShape: (min, text) =>
    `--fingerprint attend l'empreinte SHA-256 du serveur (64 chiffres hexadécimaux, deux-points facultatifs), ` +
    `ou au moins ses ${min} premiers chiffres ; reçu « ${text} »`,
  fingerprintShort: (text, digits, min) =>
    `--fingerprint « ${text} » n'a que ${digits} chiffres hexadécimaux : donnez au moins les ` +
    `${min} premiers (80 bits, trop pour être contrefaits), ou l'empreinte entière`,
  atMostOnePort: (got) => `au plus un PORT attendu, reçu ${got.map((p) => `« ${p} »`).join(" ")}`,
  certUnexpected: (arg) => `argument inattendu « ${arg} » ; donnez les noms d'hôte avec --name`,
  days: (max, text) => `--days attend un nombre entier de 1 à ${max}, reçu « ${text} »`,
  nameNeeded: "--name attend un nom d'hôte ou une adresse",
  notCertName: (name) => `--name « ${name} » n'est ni un nom d'hôte ni une adresse IP`,
};
