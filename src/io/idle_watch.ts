/**
 * `--idle SECONDS`: notices when a connection has carried no traffic for that
 * long. Activity pushes the deadline back; `expired` resolves when it passes.
 */
import { type Clock, systemClock } from "./clock.ts";

/** A resettable inactivity deadline. */
export class IdleWatch {
  readonly expired: Promise<void>;
  readonly #limitMs: number;
  readonly #clock: Clock;
  #last: number;
  #timer: unknown;
  #fire: () => void = () => {};

  /**
   * @param limitMs how long without traffic before `expired` resolves
   * @param clock the time and timers (the real ones unless a test steps time by hand)
   */
  constructor(limitMs: number, clock: Clock = systemClock) {
    this.#limitMs = limitMs;
    this.#clock = clock;
    this.#last = clock.now();
    this.expired = new Promise((resolve) => this.#fire = resolve);
    this.#arm(limitMs);
  }

  /** Records traffic now. */
  touch(): void {
    this.#last = this.#clock.now();
  }

  /** Stops watching. */
  stop(): void {
    if (this.#timer !== undefined) this.#clock.cancel(this.#timer);
    this.#timer = undefined;
  }

  // One timer re-armed lazily, rather than one per packet on the hot path.
  #arm(ms: number): void {
    this.#timer = this.#clock.schedule(() => {
      const quiet = this.#clock.now() - this.#last;
      if (quiet >= this.#limitMs) this.#fire();
      else this.#arm(this.#limitMs - quiet);
    }, ms);
  }
}
