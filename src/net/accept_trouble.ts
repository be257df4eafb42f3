/**
 * What a server says when `accept()` keeps failing (out of file descriptors,
 * mostly) and when it works again: one line when the trouble starts, one when
 * it clears, nothing in between however many retries fail. It has cleared
 * once accept() has gone a while without failing: right after a descriptor
 * frees up, the queue refills it and the next accept fails again, and that
 * flapping must not be reported as many troubles. Pure: the caller
 * passes the time, so the wording and the schedule are tested without waiting.
 */
import { decimal } from "../i18n/decimal_mark.ts";
import { t } from "../i18n/catalogue.ts";

/** How long the first retry waits; each failure doubles it up to {@linkcode MAX_RETRY_MS}. */
const FIRST_RETRY_MS = 25;

/** The longest wait between retries: a freed descriptor is used within half a second. */
export const MAX_RETRY_MS = 500;

/** How long accept() must go without failing for the trouble to count as over. */
export const QUIET_MS = 1000;

/** One run of failing accepts, from the first failure to the next success. */
interface Trouble {
  readonly since: number;
  readonly cause: string;
  failures: number;
  lastFailure: number;
}

/** Tracks accept() failures and words the two reports. */
export class AcceptTrouble {
  #trouble: Trouble | undefined;

  /** Whether accept() is failing now. */
  get troubled(): boolean {
    return this.#trouble !== undefined;
  }

  /**
   * Records a failure at `now` (ms); returns the line to report when the trouble
   * starts or its cause changes, else undefined.
   */
  failed(error: unknown, now: number): string | undefined {
    const cause = describeAcceptError(error);
    const trouble = this.#trouble;
    if (trouble && trouble.cause === cause) {
      trouble.failures++;
      trouble.lastFailure = now;
      return undefined;
    }
    this.#trouble = { since: trouble?.since ?? now, cause, failures: 1, lastFailure: now };
    return t().net.cannotAccept(cause);
  }

  /** How long to wait before the next accept(). */
  retryDelayMs(): number {
    const failures = this.#trouble?.failures ?? 0;
    return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  }

  /**
   * Records a success at `now`, or accept() not failing until then (after a
   * failure, retries start quick again).
   * Returns the line to report when the trouble is over: no failure for
   * {@linkcode QUIET_MS}; else undefined (ask again later).
   */
  succeeded(now: number): string | undefined {
    const trouble = this.#trouble;
    if (!trouble) return undefined;
    trouble.failures = 0;
    if (now - trouble.lastFailure < QUIET_MS) return undefined;
    this.#trouble = undefined;
    const seconds = decimal(((trouble.lastFailure - trouble.since) / 1000).toFixed(1));
    return t().net.acceptingAgain(seconds);
  }
}

/** The reason an accept() failed, as a phrase: the errno when the system gives one. */
export function describeAcceptError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "EMFILE") {
    return t().net.tooManyFiles;
  }
  if (code === "ENFILE") return t().net.systemTooManyFiles;
  if (code === "ENOBUFS" || code === "ENOMEM") return t().net.shortOfMemory(code);
  return error instanceof Error ? error.message : String(error);
}
