/**
 * Waiting for something that cannot be cancelled itself, while a signal may give up on it:
 * `work`'s outcome, or the signal's reason as soon as it aborts (`work` goes on, unwatched).
 */

/** `work`'s value, or a rejection with `signal`'s reason once it aborts first. */
export function untilAborted<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
