/**
 * How big the next read from a chat client should be. Most clients type a
 * line now and then, and thousands may be connected at once, each holding its
 * read buffer while the read waits: so reads start small, grow at once for a
 * client whose read came back full (more is waiting: a paste, a flood), and go
 * back to small when it calms down, so an idle client never keeps a large one.
 * Pure: the reader allocates.
 */

/** The size of a read from a client that sends little: a typed line or a few. */
export const SMALL_READ = 2 * 1024;

/** The size of a read from a client that sends a lot; bounded so one read's lines stay a modest burst. */
export const LARGE_READ = 64 * 1024;

/**
 * The size of the read after one of `size` bytes brought `n` bytes (`size`
 * may be below {@linkcode SMALL_READ}: a buffer that was not the reader's own).
 */
export function nextReadSize(size: number, n: number): number {
  if (n >= size && size < LARGE_READ) return LARGE_READ;
  if (n < SMALL_READ / 2 && size > SMALL_READ) return SMALL_READ;
  return Math.max(size, SMALL_READ);
}
