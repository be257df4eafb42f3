/** Closing what may already be closed (by the peer, a timeout or another path) without a fuss. */

/** Closes `resource`, ignoring that it was closed already. */
export function closeQuietly(resource: { close(): void }): void {
  try {
    resource.close();
  } catch {
    // Closed already: that is the state we wanted.
  }
}
