/** Français : les consoles : autour de l'invite, Ctrl-C, la saisie du mot de passe. */
import type { terminalEn } from "../en/terminal.ts";
import { plural } from "../plural.ts";

/** Les messages du terminal : ce que les consoles affichent autour des lignes. */
export const terminalFr: typeof terminalEn = {
  missedLines: (n) =>
    `* ${n} ${
      plural("fr", n, "ligne n'a pas été affichée", "lignes n'ont pas été affichées")
    } : votre terminal ne lisait pas`,
  notSent: "(non envoyée)",
  interrupted: "interrompu",
  interruptedConnecting: "interrompu par Ctrl-C avant que la connexion soit établie",
  interruptedPassword: "interrompu par Ctrl-C pendant la saisie du mot de passe",
  passwordPrompt: "mot de passe : ",
  logPrefix: "tp1 : ",
  warningPrefix: "tp1 : avertissement : ",
  passwordNeedsTerminal:
    "--password a besoin d'un terminal pour demander le mot de passe ; utilisez plutôt --password-file FICHIER",
};
