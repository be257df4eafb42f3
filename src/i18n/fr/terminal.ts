/** Français : les consoles : autour de l'invite, Ctrl-C, la saisie secrète. */
import type { terminalEn } from "../en/terminal.ts";

/** Les messages « terminal » (à remplir par qui traduit ce domaine). */
export const terminalFr: typeof terminalEn = {};
