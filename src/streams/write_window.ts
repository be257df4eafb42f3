/**
 * How many socket writes a process lets be under way at once. A broadcast to
 * 10,000 chat clients would otherwise start 10,000 writes in one go, and every
 * one holds its promises, callbacks and Deno's own async frame until the event
 * loop next turns: some 10 MiB that outlive the young generation, are promoted
 * to V8's old space, and stay in the peak RSS long after they are garbage.
 * Through a window, only so many are under way; each write that ends lets the
 * next waiting one start, so the garbage of a broadcast dies young, and the
 * broadcast is not slower for it (the writes ahead are finished, not waiting).
 *
 * A write that never ends (a peer that stopped reading) must not hold its
 * place for ever: while writes wait, a tick every {@linkcode STUCK_MS} starts
 * a new generation, and a write begun two generations ago no longer counts.
 * Otherwise 256 clients that stop reading (one student's script) would keep
 * the window full for good, and every line to everyone else would wait for a
 * timer. Writes are told their generation when they begin and give it back
 * when they end, so the late end of a forgotten write frees no place it no
 * longer holds.
 */
import { type Clock, systemClock } from "../io/clock.ts";

/** Writes under way at once, process-wide. */
export const WRITE_WINDOW = 256;

/** While writes wait, how often a generation of writes under way is forgotten. */
const STUCK_MS = 2;

/** How many places passed on the waiting queue may keep before it drops them. */
const COMPACT_AFTER = 1024;

/** What waits for a place: it starts one write when told, and reports its end. */
export interface WindowedWriter {
  /**
   * Starts one write now; {@linkcode WriteWindow.ended} is called with `generation`
   * when it is over.
   */
  beginWrite(generation: number): void;
}

/** Starts writes, at most {@linkcode WRITE_WINDOW} under way at once, in the order asked. */
export class WriteWindow {
  readonly #size: number;
  readonly #clock: Clock;
  /** The generation writes begun now belong to. */
  #generation = 0;
  /** Writes under way begun in this generation, and in the one before. */
  #current = 0;
  #previous = 0;
  /** Writes waiting for a place, in order; `#head` is the next to start. */
  #waiting: (WindowedWriter | undefined)[] = [];
  #head = 0;
  #timer: unknown;

  constructor(size = WRITE_WINDOW, clock: Clock = systemClock) {
    this.#size = size;
    this.#clock = clock;
  }

  /** How many writes wait for a place. */
  get waiting(): number {
    return this.#waiting.length - this.#head;
  }

  /** How long the waiting queue's array is (what waits, and places passed on not yet dropped). */
  get queueLength(): number {
    return this.#waiting.length;
  }

  /** How many writes hold a place (a write forgotten as stuck holds none). */
  get underWay(): number {
    return this.#current + this.#previous;
  }

  /**
   * Lets `writer` begin a write now, or once a place is free; the writer calls
   * {@linkcode ended} with the generation it was given when that write is over
   * (done or failed).
   */
  start(writer: WindowedWriter): void {
    if (this.underWay < this.#size && this.waiting === 0) {
      this.#current++;
      writer.beginWrite(this.#generation);
      return;
    }
    this.#waiting.push(writer);
    if (this.#timer === undefined) this.#timer = this.#clock.schedule(this.#tick, STUCK_MS);
  }

  /** A write of `generation` is over: its place, if it still holds one, goes to the next waiting. */
  ended(generation: number): void {
    if (generation === this.#generation) {
      if (this.#current > 0) this.#current--;
    } else if (generation === this.#generation - 1) {
      if (this.#previous > 0) this.#previous--;
    } else {
      return;
    }
    this.#startWaiting();
  }

  #startWaiting(): void {
    const waiting = this.#waiting;
    while (this.underWay < this.#size && this.#head < waiting.length) {
      const writer = waiting[this.#head]!;
      waiting[this.#head++] = undefined;
      this.#current++;
      writer.beginWrite(this.#generation);
    }
    if (this.#head === waiting.length) {
      this.#waiting = [];
      this.#head = 0;
      if (this.#timer !== undefined) this.#clock.cancel(this.#timer);
      this.#timer = undefined;
    } else if (this.#head >= COMPACT_AFTER && this.#head * 2 >= waiting.length) {
      // Under a long flood the queue may never empty: the places passed on are dropped
      // now and then, or the array would grow by one for every write that ever waited.
      this.#waiting = waiting.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Writes still wait: those begun two generations ago may be stuck, and hold no place now. */
  readonly #tick = (): void => {
    this.#timer = undefined;
    this.#generation++;
    this.#previous = this.#current;
    this.#current = 0;
    this.#startWaiting();
    if (this.waiting > 0) this.#timer = this.#clock.schedule(this.#tick, STUCK_MS);
  };
}

/** The window all of this process's links share. */
export const sharedWriteWindow: WriteWindow = new WriteWindow();
