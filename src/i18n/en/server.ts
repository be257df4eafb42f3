/** English: the server's screen: listening, who connected, who closed and how. */

/** The server messages (filled in by the engineer who translates this area). */
export const serverEn = {};
