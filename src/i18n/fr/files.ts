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
  passwordFile: "le fichier de mot de passe",
  caCert: "le certificat de l'autorité",
  caKey: "la clé de l'autorité",
  allowFile: "le fichier --allow-file",
  certFile: "le fichier --cert",
  keyFile: "le fichier --key",
};
