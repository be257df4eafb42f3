/**
 * The time and timers the timing rules run on (partial-line flushes, `--idle`).
 * Injected so tests step time by hand instead of waiting for real.
 */

/** The time and timers a timing rule needs. */
export interface Clock {
  /** Milliseconds on a monotonic-enough scale. */
  now(): number;
  /** Calls `fn` after `ms`; returns a handle for `cancel`. */
  schedule(fn: () => void, ms: number): unknown;
  /** Cancels what `schedule` returned. */
  cancel(handle: unknown): void;
}

/** The real clock: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as number),
};
