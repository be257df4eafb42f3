/**
 * Slows down password guessing: each wrong answer from an address doubles the
 * wait before that address hears "wrong password" (1 s, 2 s, 4 s … 30 s), and
 * the count fades after a quiet minute. Pure: the caller passes the time.
 */

/** How long failures are remembered after the last one. */
export const FAILURE_MEMORY_MS = 60_000;

/** Per-address memory of recent wrong passwords. */
export class FailureThrottle {
  readonly #failures = new Map<string, { count: number; last: number }>();

  /** Records a wrong password from `address` at `now`; returns how long to wait before answering. */
  recordFailure(address: string, now: number): number {
    this.#forgetOld(now);
    const entry = this.#failures.get(address) ?? { count: 0, last: now };
    entry.count += 1;
    entry.last = now;
    this.#failures.set(address, entry);
    return Math.min(30_000, 1000 * 2 ** (entry.count - 1));
  }

  /** Forgets `address` after a right password. */
  recordSuccess(address: string): void {
    this.#failures.delete(address);
  }

  #forgetOld(now: number): void {
    for (const [address, { last }] of this.#failures) {
      if (now - last > FAILURE_MEMORY_MS) this.#failures.delete(address);
    }
  }
}
