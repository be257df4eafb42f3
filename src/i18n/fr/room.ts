/** Français : le salon : annonces, réponses aux commandes (ce que le serveur envoie aux clients). */
import type { roomEn } from "../en/room.ts";

/** Les messages « room » (à remplir par qui traduit ce domaine). */
export const roomFr: typeof roomEn = {};
