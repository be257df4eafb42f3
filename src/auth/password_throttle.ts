/**
 * Makes password guessing cost the guesser, not the server: each source address
 * has a budget of attempts (the first few free, then one per interval), and a
 * source over its budget, or with too many answers pending, is refused before
 * it is even asked. Nothing waits: a refusal says when to come back, so no
 * socket is held for a delay, and right and wrong answers are answered alike.
 * A right answer costs nothing, so classmates behind one address are slowed
 * only by wrong ones. Pure: the time comes from the injected clock.
 */

/** How many attempts a source may make, and how fast its budget comes back. */
export interface ThrottleLimits {
  /** Attempts a source may make in a row before it is slowed. */
  readonly burst: number;
  /** Past the burst, one more attempt per this long. */
  readonly refillMs: number;
  /** Attempts from one source waiting for their answer at once. */
  readonly maxPending: number;
}

/** A handful of tries for a typo, then five a minute; three prompts open at once per address. */
export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = {
  burst: 5,
  refillMs: 12_000,
  maxPending: 3,
};

/** How an attempt ended: a wrong answer uses up its share of the budget; the others give it back. */
export type AttemptOutcome = "right" | "wrong" | "no-answer";

/** An attempt that may go ahead; settle it exactly once (later calls are ignored). */
export interface AttemptTicket {
  /** Attempts from this source refused since its last one that went ahead. */
  readonly refusedBefore: number;
  settle(outcome: AttemptOutcome): void;
}

/** The throttle's answer to a new attempt. */
export type AttemptDecision =
  | { readonly kind: "go"; readonly ticket: AttemptTicket }
  /** Over budget: the next attempt may go ahead in `retryInMs`. */
  | { readonly kind: "throttled"; readonly retryInMs: number; readonly firstRefusal: boolean }
  /** Too many of this source's attempts are still waiting for their answer. */
  | { readonly kind: "busy"; readonly firstRefusal: boolean };

interface SourceState {
  /** Budget used: `refillMs` per attempt charged, less the time since (whole milliseconds). */
  debtMs: number;
  /** When `spent` was last brought up to date. */
  at: number;
  pending: number;
  refused: number;
}

/** Per-source attempt budgets for the password prompt. */
export class PasswordThrottle {
  readonly #clock: () => number;
  readonly #limits: ThrottleLimits;
  readonly #sources = new Map<string, SourceState>();
  #lastSweep: number;

  /** @param clock the time in milliseconds (Date.now outside tests) */
  constructor(clock: () => number = Date.now, limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS) {
    this.#clock = clock;
    this.#limits = limits;
    this.#lastSweep = clock();
  }

  /** How many sources are remembered (those with budget used or an attempt pending). */
  get size(): number {
    return this.#sources.size;
  }

  /** Decides whether `source` (its IP address) may try a password now. */
  begin(source: string): AttemptDecision {
    const now = this.#clock();
    this.#sweep(now);
    const state = this.#sources.get(source) ?? { debtMs: 0, at: now, pending: 0, refused: 0 };
    this.#catchUp(state, now);
    this.#sources.set(source, state);
    const { burst, refillMs, maxPending } = this.#limits;
    if (state.pending >= maxPending) {
      return { kind: "busy", firstRefusal: state.refused++ === 0 };
    }
    const overMs = state.debtMs + refillMs - burst * refillMs;
    if (overMs > 0) {
      return { kind: "throttled", retryInMs: overMs, firstRefusal: state.refused++ === 0 };
    }
    // Charged now, while the answer is awaited, so parallel attempts cannot overdraw.
    state.debtMs += refillMs;
    state.pending += 1;
    const refusedBefore = state.refused;
    state.refused = 0;
    let settled = false;
    return {
      kind: "go",
      ticket: {
        refusedBefore,
        settle: (outcome) => {
          if (settled) return;
          settled = true;
          this.#settle(source, state, outcome);
        },
      },
    };
  }

  #settle(source: string, state: SourceState, outcome: AttemptOutcome): void {
    this.#catchUp(state, this.#clock());
    state.pending -= 1;
    if (outcome !== "wrong") state.debtMs = Math.max(0, state.debtMs - this.#limits.refillMs);
    if (this.#forgettable(state) && this.#sources.get(source) === state) {
      this.#sources.delete(source);
    }
  }

  #catchUp(state: SourceState, now: number): void {
    state.debtMs = Math.max(0, state.debtMs - (now - state.at));
    state.at = now;
  }

  #forgettable(state: SourceState): boolean {
    return state.debtMs === 0 && state.pending === 0;
  }

  /** Forgets sources whose budget is whole again, at most once per refill interval. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < this.#limits.refillMs) return;
    this.#lastSweep = now;
    for (const [source, state] of this.#sources) {
      this.#catchUp(state, now);
      if (this.#forgettable(state)) this.#sources.delete(source);
    }
  }
}
