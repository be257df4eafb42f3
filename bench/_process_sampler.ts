/** Peak memory and CPU time of a running process, sampled from /proc (Linux only). */

/** What {@linkcode ProcessSampler} saw of one process. */
export interface ProcessUsage {
  /** Peak resident set size (VmHWM) in KiB. */
  readonly peakRssKiB: number;
  /** User plus system CPU time, all threads, in seconds. */
  readonly cpuSeconds: number;
}

/**
 * Samples a process's peak resident set size (VmHWM, a high-water mark the
 * kernel keeps) and CPU time from /proc until stopped. The last sample before
 * exit is the figure, so the final few milliseconds of a process's life are missed.
 */
export class ProcessSampler {
  readonly #pid: number;
  readonly #timer: ReturnType<typeof setInterval>;
  #peakRssKiB = 0;
  #cpuTicks = 0;

  constructor(pid: number, intervalMs = 10) {
    this.#pid = pid;
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), intervalMs);
  }

  /** Stops sampling and returns the figures. */
  stop(): ProcessUsage {
    clearInterval(this.#timer);
    // Linux reports CPU time in clock ticks, 100 a second on every common build.
    return { peakRssKiB: this.#peakRssKiB, cpuSeconds: this.#cpuTicks / 100 };
  }

  #sample(): void {
    let status: string;
    let stat: string;
    try {
      status = Deno.readTextFileSync(`/proc/${this.#pid}/status`);
      stat = Deno.readTextFileSync(`/proc/${this.#pid}/stat`);
    } catch {
      return; // Already gone.
    }
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(status);
    if (match) this.#peakRssKiB = Math.max(this.#peakRssKiB, Number(match[1]));
    // The fields after the parenthesised command name; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (Number.isFinite(ticks)) this.#cpuTicks = Math.max(this.#cpuTicks, ticks);
  }
}
