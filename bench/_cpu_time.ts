/**
 * How much CPU time a process has used, all its threads together, in ms, from
 * /proc/PID/task/{@literal *}/schedstat (Linux): nanoseconds, where /proc/PID/stat
 * counts 10 ms ticks. Taken before and after a transfer, it says what the
 * transfer cost that process, which other processes' turns on a shared
 * machine do not inflate as they do wall time.
 */

/** The CPU time of process `pid` (default: this one) so far, in ms. */
export function cpuMs(pid: number | "self" = "self"): number {
  let ns = 0;
  for (const task of Deno.readDirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(Deno.readTextFileSync(`/proc/${pid}/task/${task.name}/schedstat`).split(" ")[0]);
    } catch {
      // A thread that ended meanwhile.
    }
  }
  return ns / 1e6;
}
