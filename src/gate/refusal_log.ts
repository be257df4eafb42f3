/**
 * How many refusals reach the operator's log: a student's script that connects in a loop to a
 * server that refuses it (a denied address, plain text to a --tls server, a wrong password) must
 * not fill the teacher's screen, nor hide the one refusal that matters. Each source gets a few
 * lines a minute, and all sources together a few dozen; beyond that a refusal is counted, and the
 * count is logged when its window ends: at the source's next refusal, or by `flush()` at
 * `nextFlushMs()` (a script that stops within the window must not leave its count untold, which
 * the "counted, not logged" line promised). Pure: the caller gives the time.
 */
import { t } from "../i18n/catalogue.ts";

/** The log's budgets, per window. */
export interface RefusalLogLimits {
  /** Lines a source gets in a window. */
  readonly perSource: number;
  /** Lines all sources get together in a window. */
  readonly overall: number;
  readonly windowMs: number;
  /** Sources remembered at most (the longest unseen are forgotten first). */
  readonly sources: number;
}

export const REFUSAL_LOG_LIMITS: RefusalLogLimits = {
  perSource: 5,
  overall: 50,
  windowMs: 60_000,
  sources: 1_000,
};

/** One budget's window: when it began, lines logged, refusals not logged. */
interface Budget {
  start: number;
  logged: number;
  hidden: number;
}

/** Decides, refusal by refusal, what the operator's log shows. */
export class RefusalLog {
  readonly #limits: RefusalLogLimits;
  readonly #sources = new Map<string, Budget>();
  #overall: Budget = { start: -Infinity, logged: 0, hidden: 0 };

  constructor(limits: RefusalLogLimits = REFUSAL_LOG_LIMITS) {
    this.#limits = limits;
  }

  /** The lines to log (maybe none) for a refusal of `source` at `nowMs`, whose own line is `line`. */
  lines(source: string, nowMs: number, line: string): string[] {
    const limits = this.#limits;
    const out: string[] = [];
    this.#renewOverall(out, nowMs);
    let budget = this.#sources.get(source);
    if (budget === undefined || this.#ended(budget, nowMs)) {
      if (budget !== undefined) this.#tellHidden(out, nowMs, source, budget);
      budget = { start: nowMs, logged: 0, hidden: 0 };
    }
    // Remembered last-seen last, so that the ones forgotten first are the longest unseen.
    this.#sources.delete(source);
    this.#sources.set(source, budget);
    if (this.#sources.size > limits.sources) {
      this.#sources.delete(this.#sources.keys().next().value!);
    }
    if (budget.logged < limits.perSource) {
      if (this.#emit(out, nowMs, line, 1)) budget.logged++;
      return out;
    }
    budget.hidden++;
    if (budget.hidden === 1) {
      this.#emit(
        out,
        nowMs,
        t().gate.refusalsQuietFrom(source, this.#secondsLeft(budget, nowMs)),
        0,
      );
    }
    return out;
  }

  /**
   * The counts of the windows ended by `nowMs` with refusals not logged (their sources then start
   * afresh), for a caller that calls at `nextFlushMs()` even when no refusal comes.
   */
  flush(nowMs: number): string[] {
    const out: string[] = [];
    if (this.#overall.hidden > 0) this.#renewOverall(out, nowMs);
    for (const [source, budget] of this.#sources) {
      if (budget.hidden > 0 && this.#ended(budget, nowMs)) {
        this.#sources.delete(source);
        this.#tellHidden(out, nowMs, source, budget);
      }
    }
    return out;
  }

  /** Whether `budget`'s window is over at `nowMs`. */
  #ended(budget: Budget, nowMs: number): boolean {
    return nowMs - budget.start >= this.#limits.windowMs;
  }

  /** Starts a new overall window if the last one is over, telling how many it did not log. */
  #renewOverall(out: string[], nowMs: number): void {
    const ending = this.#overall;
    if (!this.#ended(ending, nowMs)) return;
    this.#overall = { start: nowMs, logged: 0, hidden: 0 };
    if (ending.hidden > 0) {
      this.#emit(out, nowMs, t().gate.refusalsHidden(ending.hidden), ending.hidden);
    }
  }

  /** Tells how many of `source`'s refusals its ended window did not log, if any. */
  #tellHidden(out: string[], nowMs: number, source: string, budget: Budget): void {
    if (budget.hidden > 0) {
      this.#emit(out, nowMs, t().gate.refusalsHiddenFrom(source, budget.hidden), budget.hidden);
    }
  }

  /** When the first window with refusals not logged ends, or undefined when none has any. */
  nextFlushMs(): number | undefined {
    let next = this.#overall.hidden > 0 ? this.#overall.start : Infinity;
    for (const budget of this.#sources.values()) {
      if (budget.hidden > 0 && budget.start < next) next = budget.start;
    }
    return next === Infinity ? undefined : next + this.#limits.windowMs;
  }

  /**
   * Adds `line` if the overall budget has room, and says so; otherwise counts the `refusals` it
   * stood for as hidden, and the first time in a window says that the log goes quiet.
   */
  #emit(out: string[], nowMs: number, line: string, refusals: number): boolean {
    const overall = this.#overall;
    if (overall.logged < this.#limits.overall) {
      overall.logged++;
      out.push(line);
      return true;
    }
    if (overall.logged === this.#limits.overall) {
      overall.logged++;
      out.push(t().gate.refusalsQuiet(this.#secondsLeft(overall, nowMs)));
    }
    overall.hidden += refusals;
    return false;
  }

  /** Whole seconds left in `budget`'s window. */
  #secondsLeft(budget: Budget, nowMs: number): number {
    return Math.max(1, Math.ceil((budget.start + this.#limits.windowMs - nowMs) / 1000));
  }
}
