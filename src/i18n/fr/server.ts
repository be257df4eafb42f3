/** Français : l'écran du serveur : écoute, qui s'est connecté, qui a fermé et comment. */
import type { serverEn } from "../en/server.ts";

/** Les messages « server » (à remplir par qui traduit ce domaine). */
export const serverFr: typeof serverEn = {};
