/** A timer that resolves, without keeping the process alive on its own. */

/** Resolves to "timeout" after `ms` milliseconds; does not hold the process open. */
export function delay(ms: number): Promise<"timeout"> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve("timeout"), ms);
    Deno.unrefTimer(timer as unknown as number);
  });
}
