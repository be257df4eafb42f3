/**
 * Whether a promise is already as good as settled: it fulfils within a few
 * microtask turns. A Deno socket read whose bytes are already in the kernel
 * does (the op is polled as it starts, and its promise resolves a few hops
 * later), while one that must wait for the network does not: so a reader can
 * learn that more is waiting without a timer and without blocking, and go on
 * as before when it is not (the promise is still its to await).
 */

/** Microtask turns allowed: Deno's read and tp1's connection wrappers take a few hops. */
const TURNS = 16;

/** Whether `promise` fulfils within a few microtask turns (a rejection counts as "no"). */
export async function fulfilsAtOnce(promise: Promise<unknown>): Promise<boolean> {
  let fulfilled = false;
  // The rejection is the caller's to handle when it awaits `promise`; here it only means "no".
  promise.then(() => fulfilled = true, () => {});
  for (let turn = 0; turn < TURNS && !fulfilled; turn++) await undefined;
  return fulfilled;
}
