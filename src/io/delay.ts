/** A timer that resolves, without keeping the process alive on its own. */

/**
 * Resolves to "timeout" after `ms` milliseconds; does not hold the process open.
 * Aborting `signal` clears the timer (the promise then never settles), so a
 * delay that lost a race leaves nothing running.
 */
export function delay(ms: number, signal?: AbortSignal): Promise<"timeout"> {
  return new Promise((resolve) => {
    if (signal?.aborted) return;
    const timer = setTimeout(() => resolve("timeout"), ms);
    Deno.unrefTimer(timer as unknown as number);
    signal?.addEventListener("abort", () => clearTimeout(timer), { once: true });
  });
}

/**
 * Resolves after `ms` milliseconds, or rejects with `signal`'s reason as soon as
 * it aborts. Unlike {@linkcode delay} it holds the process open: it is for a wait
 * that is the program's work at that moment (`connect --wait` between attempts).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
