/**
 * Turns a connection away politely: one line saying why, then the connection
 * is closed (ncat closes silently, leaving the user guessing). The decision is
 * made elsewhere (src/room/admission.ts); this only carries it out.
 */
import { deadline } from "../io/deadline.ts";
import { writeAll } from "../io/byte_ends.ts";
import { closeQuietly } from "../io/close_quietly.ts";

/** How long a refused client gets to receive its line before the connection is dropped. */
export const REFUSAL_LINGER_MS = 2000;

const encoder = new TextEncoder();

/**
 * Sends `line` (plus `lineEnding`) to `conn` and closes it. The client's own
 * unread bytes are read and discarded first: closing a socket with unread input
 * resets the connection, and a reset can destroy the line before it is read.
 * Never rejects.
 */
export async function refuseConnection(
  conn: Deno.Conn,
  line: string,
  { lineEnding = "\n", lingerMs = REFUSAL_LINGER_MS } = {},
): Promise<void> {
  try {
    const sent = await deadline(writeAll(conn, encoder.encode(line + lineEnding)), lingerMs);
    if (sent === "timeout") return;
    await conn.closeWrite();
    await deadline(discardUntilEnd(conn), lingerMs);
  } catch {
    // The client is already gone: nothing more to tell it.
  } finally {
    closeQuietly(conn);
  }
}

async function discardUntilEnd(conn: Deno.Conn): Promise<void> {
  const scrap = new Uint8Array(4096);
  try {
    while (await conn.read(scrap) !== null) {
      // Discard.
    }
  } catch {
    // Reset or closed: either way, done.
  }
}
