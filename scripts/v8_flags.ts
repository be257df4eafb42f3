/**
 * The V8 options tp1 runs with, wherever it is started: the dist launcher
 * (scripts/dist_launcher.sh, filled in by build_dist.ts), `deno task start`
 * and the benchmarks (bench/_tp1_command.ts); tests/scripts/v8_flags_test.ts
 * checks that deno.json's tasks say the same.
 *
 * `--max-semi-space-size=2` (MiB): V8 lets its young generation grow to 16 MiB
 * a semi-space (48 MiB resident) when many objects live long, which is what a
 * chat server's clients do as they join: measured with 5,000 idle clients,
 * 155 MB resident at the default, 109 MB with this. tp1 never allocates fast
 * enough for a larger young generation to pay (fan-out unchanged within noise).
 */
export const V8_FLAGS = "--max-semi-space-size=2";
