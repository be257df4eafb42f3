/**
 * The clock and the one timer behind a partial-line flush. The clock is
 * injected so tests can step time by hand instead of waiting for real.
 */

/** The time and timers a flush needs. */
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

/** One timer that calls `onDue` at a given time; re-arming replaces the previous time. */
export class FlushTimer {
  readonly #clock: Clock;
  readonly #onDue: () => void;
  #handle: unknown;
  #at: number | undefined;

  constructor(clock: Clock, onDue: () => void) {
    this.#clock = clock;
    this.#onDue = onDue;
  }

  /** Fires at `at` (clock time), or never when `at` is undefined. */
  arm(at: number | undefined): void {
    this.stop();
    if (at === undefined) return;
    this.#at = at;
    this.#handle = this.#clock.schedule(() => this.#fire(), Math.max(0, at - this.#clock.now()));
  }

  /** Cancels a pending firing. */
  stop(): void {
    if (this.#handle !== undefined) this.#clock.cancel(this.#handle);
    this.#handle = undefined;
    this.#at = undefined;
  }

  #fire(): void {
    const at = this.#at;
    this.#handle = undefined;
    if (at === undefined) return;
    // A timer may run a little early; it waits out the rest rather than flush too soon.
    const left = at - this.#clock.now();
    if (left > 0) {
      this.#handle = this.#clock.schedule(() => this.#fire(), left);
      return;
    }
    this.#at = undefined;
    this.#onDue();
  }
}
