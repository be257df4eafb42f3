/** Accepting the next client when some clients vanish between arriving and being accepted. */

/**
 * Whether an `accept()` failure only means that client reset before it was
 * taken: nothing to serve, and no reason to stop serving the others.
 */
export function isVanishedClient(error: unknown): boolean {
  return error instanceof Deno.errors.NotConnected ||
    error instanceof Deno.errors.ConnectionAborted ||
    error instanceof Deno.errors.ConnectionReset;
}

/** Whether an `accept()` failure means the listener was closed: we are stopping. */
export function isListenerClosed(error: unknown): boolean {
  return error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted;
}

/** The next connection, skipping vanished clients; undefined once the listener is closed. */
export async function acceptNext(listener: Deno.TcpListener): Promise<Deno.TcpConn | undefined> {
  for (;;) {
    try {
      return await listener.accept();
    } catch (error) {
      if (isListenerClosed(error)) return undefined;
      if (!isVanishedClient(error)) throw error;
    }
  }
}
