/**
 * `--idle SECONDS`: notices when a connection has carried no traffic for that
 * long. Activity pushes the deadline back; `expired` resolves when it passes.
 */

/** A resettable inactivity deadline. */
export class IdleWatch {
  readonly expired: Promise<void>;
  readonly #limitMs: number;
  #last = Date.now();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #fire: () => void = () => {};

  /** @param limitMs how long without traffic before `expired` resolves */
  constructor(limitMs: number) {
    this.#limitMs = limitMs;
    this.expired = new Promise((resolve) => this.#fire = resolve);
    this.#arm(limitMs);
  }

  /** Records traffic now. */
  touch(): void {
    this.#last = Date.now();
  }

  /** Stops watching. */
  stop(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  // One timer re-armed lazily, rather than one per packet on the hot path.
  #arm(ms: number): void {
    this.#timer = setTimeout(() => {
      const quiet = Date.now() - this.#last;
      if (quiet >= this.#limitMs) this.#fire();
      else this.#arm(this.#limitMs - quiet);
    }, ms);
  }
}
