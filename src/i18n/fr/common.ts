/** Français : les mots que toutes les commandes partagent (préfixes d'erreur, --lang). */
import type { commonEn } from "../en/common.ts";
import { plural } from "../plural.ts";

/** Les messages que chaque commande affiche autour des siens. */
export const commonFr: typeof commonEn = {
  errorPrefix: "erreur : ",
  usagePrefix: "usage : ",
  langOption:
    "--lang fr|en  Langue des messages de tp1 (par défaut : d'après LC_ALL, LC_MESSAGES, LANG).",
  badLang: (value: string) => `--lang attend fr ou en, pas « ${value} »`,
  langNeedsValue: "--lang attend une valeur : fr ou en",
  closeSummary: (sent, received, duration, who) =>
    `${octets(sent, "envoyé")}, ${octets(received, "reçu")} en ${duration} ; ${who}`,
  closeReset: (received) => `la connexion a été réinitialisée (RST${received ? " reçu" : ""})`,
  closeYouFirst: (role) =>
    `le ${role === "client" ? "client" : "serveur"} (vous) a fermé le premier (FIN envoyé)`,
  closePeerFirst: (role) =>
    `le ${role === "client" ? "client" : "serveur"} a fermé le premier (FIN reçu)`,
  decimalMark: ",",
  closeBoth: "fermée par les deux côtés à la fois",
};

// "0 octet envoyé", "2 octets envoyés": the participle follows the noun's number.
/** `n` octets and their participle, both agreeing with `n` (0 and 1 are singular in French). */
export function octets(n: number, participle: string): string {
  return `${n} ${plural("fr", n, `octet ${participle}`, `octets ${participle}s`)}`;
}
