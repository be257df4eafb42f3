/** English: the consoles: prompt surroundings, Ctrl-C, the secret prompt. */

/** The terminal messages (filled in by the engineer who translates this area). */
export const terminalEn = {};
