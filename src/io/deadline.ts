/**
 * Waiting for something, but not for ever: the one shape behind every "this,
 * or give up after so long" in tp1, with the timer cleared as soon as the race
 * is decided so nothing is left running.
 */
import { delay } from "./delay.ts";

/** `work`'s value, or "timeout" when `ms` milliseconds pass first. */
export async function deadline<T>(work: Promise<T>, ms: number): Promise<T | "timeout"> {
  const decided = new AbortController();
  try {
    return await Promise.race([work, delay(ms, decided.signal)]);
  } finally {
    decided.abort();
  }
}
