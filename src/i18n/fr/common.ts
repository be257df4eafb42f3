/** Français : les mots que toutes les commandes partagent (préfixes d'erreur, --lang). */
import type { commonEn } from "../en/common.ts";

/** Les messages que chaque commande affiche autour des siens. */
export const commonFr: typeof commonEn = {
  errorPrefix: "erreur : ",
  usagePrefix: "usage : ",
  langOption:
    "--lang fr|en  Langue des messages de tp1 (par défaut : d'après LC_ALL, LC_MESSAGES, LANG).",
  badLang: (value: string) => `--lang attend fr ou en, pas « ${value} »`,
  langNeedsValue: "--lang attend une valeur : fr ou en",
};
