/**
 * The one timer behind a partial-line flush. Its clock (src/io/clock.ts) is
 * injected so tests can step time by hand instead of waiting for real.
 */
import type { Clock } from "../io/clock.ts";

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
