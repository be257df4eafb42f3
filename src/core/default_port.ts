/** The lab's port (server.py's 7999), used when none is given; on its own so that main.ts can read it without the catalogue. */
export const DEFAULT_PORT = 7999;
