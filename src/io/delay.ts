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
