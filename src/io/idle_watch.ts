/**
 * `--idle SECONDS`: notices when a connection has carried no traffic for that
 * long. Activity pushes the deadline back; `expired` resolves when it passes.
 *
 * A chat server may watch thousands of clients: rather than a timer each, the
 * watches on one clock share one timer, set for the earliest deadline (see
 * {@linkcode IdleDeadlines}); a deadline is checked when it comes, and pushed
 * back then if there was traffic meanwhile, so traffic itself costs a clock read.
 */
import { type Clock, systemClock } from "./clock.ts";

/** A resettable inactivity deadline. */
export class IdleWatch {
  readonly expired: Promise<void>;
  readonly #limitMs: number;
  readonly #deadlines: IdleDeadlines;
  #last: number;
  #fire: () => void = () => {};
  /** When the deadline is checked next (the deadlines' order). */
  at: number;
  /** Where this watch is in its clock's deadlines; -1 once it is not watched any more. */
  index = -1;

  /**
   * @param limitMs how long without traffic before `expired` resolves
   * @param clock the time and timers (the real ones unless a test steps time by hand)
   */
  constructor(limitMs: number, clock: Clock = systemClock) {
    this.#limitMs = limitMs;
    this.#deadlines = IdleDeadlines.of(clock);
    this.#last = clock.now();
    this.at = this.#last + limitMs;
    this.expired = new Promise((resolve) => this.#fire = resolve);
    this.#deadlines.add(this);
  }

  /** Records traffic now. */
  touch(): void {
    this.#last = this.#deadlines.clock.now();
  }

  /** Stops watching. */
  stop(): void {
    this.#deadlines.remove(this);
  }

  /**
   * Its deadline came at `now`: expires (true), or moves its deadline on by the
   * traffic there was meanwhile (false).
   */
  due(now: number): boolean {
    const quiet = now - this.#last;
    if (quiet >= this.#limitMs) {
      this.#fire();
      return true;
    }
    this.at = now + this.#limitMs - quiet;
    return false;
  }
}

/**
 * The longest wait a timer can hold: setTimeout() takes a longer one (`--idle
 * 3000000`, some 35 days) for 1 ms, with a warning, and again, and again: the
 * server would spin. A later deadline is checked then, and waited for again.
 */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Every clock's deadlines (one for the real clock; one per test clock). */
const byClock = new WeakMap<Clock, IdleDeadlines>();

/**
 * The watches on one clock, in a binary heap ordered by deadline, and one timer
 * for the earliest: adding, removing and checking a watch take a few steps
 * however many there are.
 */
class IdleDeadlines {
  readonly clock: Clock;
  readonly #heap: IdleWatch[] = [];
  #timer: unknown;
  /** When the timer fires; Infinity when none is set. */
  #timerAt = Infinity;

  private constructor(clock: Clock) {
    this.clock = clock;
  }

  /** The deadlines of `clock`, shared by all its watches. */
  static of(clock: Clock): IdleDeadlines {
    let deadlines = byClock.get(clock);
    if (deadlines === undefined) {
      deadlines = new IdleDeadlines(clock);
      byClock.set(clock, deadlines);
    }
    return deadlines;
  }

  add(watch: IdleWatch): void {
    watch.index = this.#heap.length;
    this.#heap.push(watch);
    this.#up(watch.index);
    this.#schedule();
  }

  remove(watch: IdleWatch): void {
    const index = watch.index;
    if (index < 0) return;
    watch.index = -1;
    const last = this.#heap.pop()!;
    if (last !== watch) {
      this.#heap[index] = last;
      last.index = index;
      this.#down(index);
      this.#up(last.index);
    }
    // Nothing left to watch: no timer may keep the process running for nothing.
    if (this.#heap.length === 0) this.#cancel();
  }

  /** Sets the timer for the earliest deadline, unless it is set for then or earlier. */
  #schedule(): void {
    const first = this.#heap[0];
    if (first === undefined || first.at >= this.#timerAt) return;
    this.#cancel();
    this.#timerAt = first.at;
    const wait = Math.min(LONGEST_TIMER_MS, Math.max(0, first.at - this.clock.now()));
    this.#timer = this.clock.schedule(this.#fired, wait);
  }

  #cancel(): void {
    if (this.#timer !== undefined) this.clock.cancel(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Infinity;
  }

  readonly #fired = (): void => {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.clock.now();
    for (let first = this.#heap[0]; first !== undefined && first.at <= now; first = this.#heap[0]) {
      this.remove(first);
      if (!first.due(now)) this.add(first);
    }
    this.#schedule();
  };

  #up(index: number): void {
    const heap = this.#heap;
    const watch = heap[index];
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex];
      if (parent.at <= watch.at) break;
      heap[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    heap[index] = watch;
    watch.index = index;
  }

  #down(index: number): void {
    const heap = this.#heap;
    const watch = heap[index];
    for (;;) {
      let child = 2 * index + 1;
      if (child >= heap.length) break;
      if (child + 1 < heap.length && heap[child + 1].at < heap[child].at) child++;
      if (heap[child].at >= watch.at) break;
      heap[index] = heap[child];
      heap[child].index = index;
      index = child;
    }
    heap[index] = watch;
    watch.index = index;
  }
}
