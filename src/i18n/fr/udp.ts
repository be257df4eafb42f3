/** Français : UDP (--udp) : serve, connect et port en datagrammes. */
import type { udpEn } from "../en/udp.ts";

/** Les messages « udp » (à remplir par qui traduit ce domaine). */
export const udpFr: typeof udpEn = {};
