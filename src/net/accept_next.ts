/**
 * Accepting the next client when some clients vanish between arriving and being
 * accepted, and when accept() fails for a while (out of file descriptors): a
 * server reports it once, waits, and goes on; it never stops or crashes for it.
 */
import { AcceptTrouble, QUIET_MS } from "./accept_trouble.ts";
import { type Clock, systemClock } from "../io/clock.ts";
import { setUpSignalsNow } from "../io/signal_setup.ts";

/** The real clock, its timers unreferenced: the report alone must not keep a finished server running. */
const reportClock: Clock = {
  ...systemClock,
  schedule: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    Deno.unrefTimer(timer);
    return timer;
  },
};

/**
 * Whether an `accept()` failure only means that client reset before it was
 * taken: nothing to serve, and no reason to stop serving the others.
 */
export function isVanishedClient(error: unknown): boolean {
  return error instanceof Deno.errors.NotConnected ||
    error instanceof Deno.errors.ConnectionAborted ||
    error instanceof Deno.errors.ConnectionReset;
}

/** Whether an `accept()` failure means the listener was closed: we are stopping. */
export function isListenerClosed(error: unknown): boolean {
  return error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted;
}

/** The next connection, skipping vanished clients; undefined once the listener is closed. */
export async function acceptNext(listener: Deno.TcpListener): Promise<Deno.TcpConn | undefined> {
  for (;;) {
    try {
      return await listener.accept();
    } catch (error) {
      if (isListenerClosed(error)) return undefined;
      if (!isVanishedClient(error)) throw error;
    }
  }
}

/**
 * Takes connections from a listener for as long as it is open. Any other
 * accept() failure (EMFILE, ENFILE, ENOBUFS…) is reported through `report`
 * once when it starts and once when it clears, and retried after a pause: the
 * waiting clients stay in the kernel's queue meanwhile.
 */
export class PatientAcceptor {
  readonly #listener: Deno.TcpListener;
  readonly #report: (line: string) => void;
  /** The time, and the timer for the end-of-trouble report (not the retries: they hold the process). */
  readonly #clock: Clock;
  readonly #trouble = new AcceptTrouble();
  #settling: unknown;

  constructor(
    listener: Deno.TcpListener,
    report: (line: string) => void,
    clock: Clock = reportClock,
  ) {
    this.#listener = listener;
    this.#report = report;
    this.#clock = clock;
    // While descriptors are plenty: Deno's own later setup would panic in a flood.
    setUpSignalsNow();
  }

  /** The next connection; undefined once the listener is closed. Never rejects. */
  async next(): Promise<Deno.TcpConn | undefined> {
    for (;;) {
      let conn: Deno.TcpConn | undefined;
      try {
        conn = await acceptNext(this.#listener);
      } catch (error) {
        this.#clock.cancel(this.#settling);
        this.#settling = undefined;
        const line = this.#trouble.failed(error, this.#clock.now());
        if (line !== undefined) this.#report(line);
        // A timer that holds the process open: nothing else may be pending meanwhile.
        await new Promise((resolve) => setTimeout(resolve, this.#trouble.retryDelayMs()));
        // No success need follow: Linux's accept() fails with EMFILE before it looks at the
        // queue, so the last failure can come after the last waiting client was taken, and
        // the retry then waits for a client who may never come. Not failing is the end too.
        this.#awaitQuiet();
        continue;
      }
      if (conn !== undefined) this.#settle();
      return conn;
    }
  }

  /** After a success in trouble: reports the end of it now if accept() has stayed quiet. */
  #settle(): void {
    const line = this.#trouble.succeeded(this.#clock.now());
    if (line === undefined) return this.#awaitQuiet();
    this.#clock.cancel(this.#settling);
    this.#settling = undefined;
    this.#report(line);
  }

  /** In trouble: reports the end of it once accept() has gone QUIET_MS without failing. */
  #awaitQuiet(): void {
    if (!this.#trouble.troubled || this.#settling !== undefined) return;
    this.#settling = this.#clock.schedule(() => {
      this.#settling = undefined;
      // Not a client accepted, but as good: accept() has not failed for QUIET_MS.
      const line = this.#trouble.succeeded(this.#clock.now());
      // Too soon by the clock (the wall clock stepped back): ask again later, never give up.
      if (line === undefined) this.#awaitQuiet();
      else this.#report(line);
    }, QUIET_MS);
  }
}
