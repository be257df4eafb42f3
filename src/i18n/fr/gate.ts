/** Français : le contrôle d'entrée : lignes de refus envoyées aux clients refusés, TLS, mot de passe. */
import type { gateEn } from "../en/gate.ts";

/** Les messages « gate » (à remplir par qui traduit ce domaine). */
export const gateFr: typeof gateEn = {};
