/** Times of day as the screens, logs and transcripts print them: local time, fixed width. Pure. */

const two = (n: number) => String(n).padStart(2, "0");

/** `14:03:27`: the time of day to the second (log lines, "last heard"). */
export function clockTime(date: Date): string {
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/** `14:03:27.042`: the time of day to the millisecond (transcripts, `--watch`). */
export function clockTimeMs(date: Date): string {
  return `${clockTime(date)}.${String(date.getMilliseconds()).padStart(3, "0")}`;
}
