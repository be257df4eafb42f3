/**
 * Bounded waits, so a broken build fails a test with a message instead of
 * hanging it. The bounds are generous ceilings, never performance goals.
 */

/** The ceiling used when a test does not give one. */
export const DEFAULT_DEADLINE_MS = 8000;

/** Settles like `promise`, or rejects saying what was awaited after `ms` milliseconds. */
export async function withDeadline<T>(
  promise: Promise<T>,
  what: string,
  ms: number = DEFAULT_DEADLINE_MS,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`gave up after ${ms} ms waiting for ${what}`)),
      ms,
    );
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Polls `check` every `pollMs` until it returns a value other than
 * undefined/false; rejects after `ms`.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string | (() => string),
  ms: number = DEFAULT_DEADLINE_MS,
  pollMs = 20,
): Promise<T> {
  const giveUpAt = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > giveUpAt) {
      throw new Error(
        `gave up after ${ms} ms waiting for ${typeof what === "string" ? what : what()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
