/**
 * How many socket writes a process lets be under way at once. A broadcast to
 * 10,000 chat clients would otherwise start 10,000 writes in one go, and every
 * one holds its promises, callbacks and Deno's own async frame until the event
 * loop next turns: some 10 MiB that outlive the young generation, are promoted
 * to V8's old space, and stay in the peak RSS long after they are garbage.
 * Through a window, only so many are under way; each write that ends lets the
 * next waiting one start, so the garbage of a broadcast dies young, and the
 * broadcast is not slower for it (the writes ahead are finished, not waiting).
 * A write that never ends (a peer that stopped reading) must not hold its
 * place for ever: while some wait, a timer lets another window's worth start.
 */

/** Writes under way at once, process-wide. */
export const WRITE_WINDOW = 256;

/** While writes wait, how long without one ending before more start anyway. */
const STUCK_MS = 2;

/** What waits for a place: it starts one write when told, and reports its end. */
export interface WindowedWriter {
  /** Starts one write now; {@linkcode WriteWindow.ended} is called when it is over. */
  beginWrite(): void;
}

/** Starts writes, at most {@linkcode WRITE_WINDOW} under way at once, in the order asked. */
export class WriteWindow {
  readonly #size: number;
  #underWay = 0;
  /** Writes waiting for a place, in order; `#head` is the next to start. */
  #waiting: (WindowedWriter | undefined)[] = [];
  #head = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Whether a write ended since the timer was set: then nothing is stuck. */
  #endedSinceTimer = false;

  constructor(size = WRITE_WINDOW) {
    this.#size = size;
  }

  /** How many writes wait for a place. */
  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /**
   * Lets `writer` begin a write now, or once a place is free; the writer calls
   * {@linkcode ended} when that write is over (done or failed).
   */
  start(writer: WindowedWriter): void {
    if (this.#underWay < this.#size && this.waiting === 0) {
      this.#underWay++;
      writer.beginWrite();
      return;
    }
    this.#waiting.push(writer);
    if (this.#timer === undefined) this.#arm();
  }

  /** One write is over: the next waiting one takes its place. */
  ended(): void {
    if (this.#underWay > 0) this.#underWay--;
    this.#endedSinceTimer = true;
    this.#startWaiting(this.#size - this.#underWay);
  }

  #arm(): void {
    this.#endedSinceTimer = false;
    this.#timer = setTimeout(this.#unstick, STUCK_MS);
  }

  #startWaiting(places: number): void {
    const waiting = this.#waiting;
    while (places-- > 0 && this.#head < waiting.length) {
      const writer = waiting[this.#head]!;
      waiting[this.#head++] = undefined;
      this.#underWay++;
      writer.beginWrite();
    }
    if (this.#head === waiting.length) {
      this.#waiting = [];
      this.#head = 0;
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Nothing ended for a while: the writes under way may be stuck, more start beside them. */
  readonly #unstick = (): void => {
    this.#timer = undefined;
    if (!this.#endedSinceTimer) this.#startWaiting(this.#size);
    if (this.waiting > 0) this.#arm();
  };
}

/** The window all of this process's links share. */
export const sharedWriteWindow: WriteWindow = new WriteWindow();
