/** Français : ce qu'affiche tp1 cert et pourquoi il n'a pas pu écrire ses fichiers. */
import type { certEn } from "../en/cert.ts";

/** Les phrases de src/cli/cert_command.ts. */
export const certFr: typeof certEn = {
  badOutDir: (out, why) => `impossible d'utiliser « ${out} » comme répertoire de sortie : ${why}`,
  cannotCheck: (path, why) => `impossible de vérifier « ${path} » : ${why}`,
  alreadyExist: (paths) => {
    const many = paths.length > 1;
    return `${paths.join(" et ")} ${many ? "existent" : "existe"} déjà ; ` +
      `ajoutez --force pour ${many ? "les" : "le"} remplacer (les clients qui font confiance ` +
      "à l'ancien certificat auront besoin du nouveau), ou écrivez ailleurs avec --out DOSSIER";
  },
  halfCa: (present, missing) =>
    `${present} est là mais pas ${missing} : une autorité a besoin des deux ; restaurez celui qui manque, ou déplacez l'autre pour créer une nouvelle autorité`,
  notCaCertificate: "Ce n'est pas un certificat d'autorité",
  badCa: (cert, key, detail) => `impossible d'utiliser l'autorité de ${cert} et ${key} : ${detail}`,
  fileExists: (path) => `${path} existe déjà ; ajoutez --force pour le remplacer`,
  cannotWrite: (path, why) => `impossible d'écrire « ${path} » : ${why}`,
  readableByOthers: (path, mode) =>
    `${path} est lisible par les autres (mode ${mode}) bien qu'il ait été ` +
    "créé en mode 600 ; ce système de fichiers ignore les permissions : écrivez-le ailleurs avec --out",
  wrote: (names) => `certificat écrit pour ${names}`,
  validFor: (days, until, signed) =>
    `valable ${days} jours, jusqu'au ${until}${signed ? ", signé par l'autorité" : ""}`,
  caCertRow: (made) =>
    `certificat de l'autorité${
      made ? " (nouveau)" : " (réutilisé)"
    } : public, à donner aux clients`,
  caKeyRow:
    "clé privée de l'autorité, mode 600 : signe les certificats des serveurs ; à garder, jamais partagée",
  certRow: (withCa) =>
    `${withCa ? "certificat du serveur" : "certificat"} : public${
      withCa ? "" : ", à donner aux clients"
    }`,
  keyRow: "clé privée, mode 600 : reste sur le serveur, jamais partagée",
  fingerprintTitle: "Empreinte SHA-256 du certificat du serveur (les clients peuvent l'épingler) :",
  onServer: "Sur le serveur :",
  onEachClient: (file) => `Sur chaque client, avec une copie de ${file} :`,
  orPin: "ou, sans fichier à copier, en épinglant ce certificat :",
  caFingerprint: (fingerprint) => `L'empreinte SHA-256 de l'autorité est ${fingerprint}.`,
  anotherServer: "Pour un autre serveur, relancez ici tp1 cert --ca avec son --name et --force,\n" +
    "puis copiez-lui le nouveau certificat et sa clé : les clients qui ont l'autorité\n" +
    "lui font déjà confiance.",
};
