/** The retry schedule of `connect --wait`: quick at first, then at most every few seconds. */

/** The delay before retry number `attempt` (1-based): 0.25 s doubling up to `maxMs`. */
export function backoffDelayMs(attempt: number, maxMs = 3000): number {
  return Math.min(maxMs, 250 * 2 ** Math.max(0, attempt - 1));
}
