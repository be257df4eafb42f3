/**
 * When to show a partial line: text that has not reached its newline yet.
 *
 * The idle flush exists for peers that never end their lines (the lab's Python
 * scripts send "hello" and wait for an answer). It must not cut a line that is
 * still arriving: TCP delivers a long line in pieces, and a lost segment holds
 * the rest back for a retransmission (a fast retransmit takes a round trip, a
 * timeout at least 200 ms), a flood is read in full buffers, and a sender the
 * room is holding back sends nothing meanwhile. So the flush waits
 * - not at all while the sender is held back (the quiet time restarts after);
 * - the short `idleMs` only for a peer that has never ended a line;
 * - the long `lineEndingIdleMs` once a peer has shown it ends its lines, or
 *   after a read that filled its buffer (more was certainly on its way);
 * - and never sooner than `minIntervalMs` after the previous flush, so a peer
 *   sending a byte at a time is relayed in a few pieces, not one per byte.
 * Pure: the caller reports what happened and when, and asks when a flush is due.
 */

/** The waits of a {@linkcode PartialLineFlush}, in milliseconds. */
export interface FlushTimings {
  /** Quiet time before the partial line of a peer that never ended a line is shown. */
  readonly idleMs: number;
  /** Quiet time before it is shown once the peer has ended a line, or after a full read. */
  readonly lineEndingIdleMs: number;
  /** The shortest time between two partial flushes of one sender. */
  readonly minIntervalMs: number;
}

/** 40 ms keeps a newline-less script responsive; 1 s outlasts two retransmission timeouts. */
export const DEFAULT_FLUSH_TIMINGS: FlushTimings = Object.freeze({
  idleMs: 40,
  lineEndingIdleMs: 1000,
  minIntervalMs: 500,
});

/** What one read brought. */
export interface ReadFacts {
  /** The read filled its buffer: more bytes are waiting or on their way. */
  readonly full: boolean;
  /** The bytes held a newline: this peer ends its lines. */
  readonly endsLine: boolean;
}

/** One sender's flush decision. */
export class PartialLineFlush {
  readonly timings: FlushTimings;
  #endsLines = false;
  #lastFull = false;
  #quietSince = -Infinity;
  #lastFlush = -Infinity;
  #heldBack = false;

  /** @param timings the waits; any left out keep their default */
  constructor(timings: Partial<FlushTimings> = {}) {
    const chosen = { ...DEFAULT_FLUSH_TIMINGS, ...timings };
    // The defaults are shared: a chat server has one of these per client, thousands of them.
    const usual = chosen.idleMs === DEFAULT_FLUSH_TIMINGS.idleMs &&
      chosen.lineEndingIdleMs === DEFAULT_FLUSH_TIMINGS.lineEndingIdleMs &&
      chosen.minIntervalMs === DEFAULT_FLUSH_TIMINGS.minIntervalMs;
    this.timings = usual ? DEFAULT_FLUSH_TIMINGS : chosen;
  }

  /** Whether this peer has ended a line: its partial lines wait the long wait. */
  get endsLines(): boolean {
    return this.#endsLines;
  }

  /** Bytes arrived at `now`. */
  arrived(now: number, read: ReadFacts): void {
    this.#quietSince = now;
    this.#lastFull = read.full;
    if (read.endsLine) this.#endsLines = true;
  }

  /** The sender is being held back (backpressure): it cannot be idle meanwhile. */
  holdBack(): void {
    this.#heldBack = true;
  }

  /** The sender may send again from `now`; its quiet time counts from here. */
  resume(now: number): void {
    this.#heldBack = false;
    this.#quietSince = now;
  }

  /** A partial line was shown at `now`. */
  flushed(now: number): void {
    this.#lastFlush = now;
  }

  /** When a waiting partial line should be shown if nothing more arrives; undefined while held back. */
  dueAt(): number | undefined {
    if (this.#heldBack) return undefined;
    const { idleMs, lineEndingIdleMs, minIntervalMs } = this.timings;
    const wait = this.#endsLines || this.#lastFull ? lineEndingIdleMs : idleMs;
    return Math.max(this.#quietSince + wait, this.#lastFlush + minIntervalMs);
  }
}
