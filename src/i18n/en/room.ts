/** English: the chat room: announcements, command replies (what the server sends clients). */

/** The room messages (filled in by the engineer who translates this area). */
export const roomEn = {};
