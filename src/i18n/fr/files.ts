/** Français : les fichiers que l'on nomme (--ca, --cert, --password-file…) et qui ne se lisent pas. */
import type { filesEn } from "../en/files.ts";

/** Les phrases de src/files/ et les noms des fichiers dont elles parlent. */
export const filesFr: typeof filesEn = {
  cannotRead: (what, path, why) => `impossible de lire ${what} « ${path} » : ${why}`,
  notFound: "fichier ou répertoire introuvable",
  permissionDenied: "permission refusée",
  isDirectory: "c'est un répertoire, pas un fichier",
  notDirectory: "un élément du chemin n'est pas un répertoire",
  existsNotDirectory: "il existe et n'est pas un répertoire",
  inAllowFile: (file, problem) => `dans le fichier --allow-file « ${file} » : ${problem}`,
  noCertificate: (path, swapped) =>
    `${path} ne contient aucun certificat PEM (--cert)${
      swapped ? " mais une clé privée : --cert et --key seraient-ils inversés ?" : ""
    }`,
  noPrivateKey: (path, advice) =>
    `${path} ne contient aucune clé privée PEM (--key)${
      advice === "passphrase"
        ? " : sa clé est protégée par une phrase secrète, que tp1 ne peut pas demander ; " +
          `écrivez-la sans protection avec : openssl pkey -in ${path} -out plain-key.pem`
        : advice === "give-key"
        ? " : donnez la clé avec --key FICHIER, ou un fichier --cert qui contient les deux"
        : ""
    }`,
  unreadableCertificate: (path) => `${path} ne contient aucun certificat lisible (--cert)`,
  unreadableKey: (path) => `${path} ne contient aucune clé privée lisible (--key)`,
  keyMismatch: (keyPath, certPath) =>
    `${keyPath} n'est pas la clé privée du certificat de ${certPath} : ` +
    `donnez la clé créée avec ce certificat (tp1 cert les écrit côte à côte)`,
  certExpired: (path, when) =>
    `le certificat de ${path} a expiré le ${when} : les clients qui le vérifient (--ca) le refuseront ; créez-en un nouveau avec tp1 cert`,
  certNotYetValid: (path, when) =>
    `le certificat de ${path} n'est pas valide avant le ${when} : les clients qui le vérifient (--ca) le refuseront d'ici là ; ` +
    `l'horloge de cette machine est-elle juste ?`,
  passwordInClear: "--password sans --tls : le mot de passe traverse le réseau en clair",
  passwordVisible:
    "--password=… est visible de tous les utilisateurs de cette machine (ps) ; --password-file est plus sûr",
  passwordFile: "le fichier de mot de passe",
  caCert: "le certificat de l'autorité",
  caKey: "la clé de l'autorité",
  allowFile: "le fichier --allow-file",
  certFile: "le fichier --cert",
  keyFile: "le fichier --key",
};
