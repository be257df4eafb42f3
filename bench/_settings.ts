/** Benchmark settings from the environment, and the one statistic the reports use. */
import type { FeederKind } from "./_pipe_transfer.ts";

/** The feeder named by TP1_BENCH_FEEDER (`cat`, the default, or `harness`). */
export function envFeeder(): FeederKind {
  const kind = Deno.env.get("TP1_BENCH_FEEDER") || "cat";
  if (kind !== "cat" && kind !== "harness") {
    throw new RangeError(`TP1_BENCH_FEEDER must be "cat" or "harness", got "${kind}"`);
  }
  return kind;
}

/** A whole-number setting from the environment, e.g. `TP1_BENCH_MIB=64`. */
export function envInteger(name: string, fallback: number): number {
  const text = Deno.env.get(name);
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number, got "${text}"`);
  }
  return value;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("the median of no values is undefined");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
