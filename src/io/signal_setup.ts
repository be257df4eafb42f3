/**
 * Deno sets up its signal handling lazily: at the first signal listener, or on
 * its own about half a second after start (Deno 2.9 then catches SIGHUP, SIGINT
 * and SIGTERM). That setup opens a descriptor pair, and Deno panics when it
 * cannot ("Too many open files"): a server flooded out of descriptors at that
 * moment died instead of serving on. Setting it up early, while descriptors are
 * plenty, leaves nothing to open later: the setup is done once per process.
 */

let done = false;

/** Makes Deno set up its signal handling now (once per process); harmless where signals are not supported. */
export function setUpSignalsNow(): void {
  if (done) return;
  done = true;
  const noop = () => {};
  try {
    Deno.addSignalListener("SIGINT", noop);
    Deno.removeSignalListener("SIGINT", noop);
  } catch {
    // No signals here (Windows has only SIGINT and SIGBREAK, and may refuse): nothing to prepare.
  }
}
