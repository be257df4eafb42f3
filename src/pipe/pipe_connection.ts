/**
 * Piped mode for one connection, with netcat semantics: the peer's bytes go to
 * the output unchanged, the input's bytes go to the peer unchanged, end of input
 * half-closes the connection, and reading goes on until the peer closes, so no
 * late reply is lost. Once the peer has finished sending, the rest of the input
 * goes to it to the end, or (a server's pipe or terminal) only what is waiting.
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";
import { type Clock, systemClock } from "../io/clock.ts";
import { IdleWatch } from "../io/idle_watch.ts";
import { type ByteSink, type HalfClosable, writeAll } from "../io/byte_ends.ts";
import { type InputPump, PIPE_BUFFER_SIZE } from "./input_pump.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { withActivity } from "../io/activity_conn.ts";

/** Where piped mode reads from and writes to. */
export interface PipeEnds {
  /** Standard input, shared by every connection of a `serve -k` run. */
  readonly input: InputPump;
  /** Standard output. */
  readonly output: ByteSink;
  /**
   * When input is a terminal nobody will type Ctrl-D for us, so the session ends
   * as soon as the peer closes; a pipe or file is sent to its end first.
   */
  readonly inputIsTerminal: boolean;
  /**
   * Once the peer has finished sending: "send-all" the input to its end (the
   * default, but a terminal stops at once), or "send-waiting": only what is
   * already waiting in it, then let the peer go, as `nc -l` does; the rest is
   * for the next client (`serve -k`).
   */
  readonly afterPeerEnds?: "send-all" | "send-waiting";
}

/** What crossed the connection. */
export interface PipeTotals {
  readonly received: number;
  readonly sent: number;
  /** True when `--idle` ended the connection. */
  readonly idle: boolean;
}

/**
 * Copies bytes both ways until both directions are finished, or until
 * `idleMs` passes without a byte either way (then the connection is closed);
 * `clock` times it (the real one unless a test steps time by hand).
 */
export async function pipeConnection(
  tcp: HalfClosable & { close(): void },
  ends: PipeEnds,
  idleMs?: number,
  clock: Clock = systemClock,
): Promise<PipeTotals> {
  const detach = new AbortController();
  const watch = idleMs === undefined ? undefined : new IdleWatch(idleMs, clock);
  let idle = false;
  watch?.expired.then(() => {
    idle = true;
    detach.abort();
    closeQuietly(tcp);
  });
  try {
    const totals = await copyBothWays(
      watch ? withActivity(tcp, () => watch.touch()) : tcp,
      ends,
      detach,
    );
    return { ...totals, idle };
  } catch (error) {
    if (idle) return { received: 0, sent: 0, idle };
    throw error;
  } finally {
    watch?.stop();
  }
}

async function copyBothWays(
  conn: HalfClosable,
  ends: PipeEnds,
  detach: AbortController,
): Promise<Omit<PipeTotals, "idle">> {
  const sentBefore = ends.input.sent;
  const finish = new AbortController();
  const upstream = ends.input.sendTo(conn, detach.signal, finish.signal).then(
    () => undefined,
    (error: unknown) => error,
  );
  let received: number;
  try {
    received = await copyToEnd(conn, ends.output);
  } catch (error) {
    detach.abort();
    await upstream;
    throw error;
  }
  if (ends.afterPeerEnds === "send-waiting") finish.abort();
  else if (ends.inputIsTerminal) detach.abort();
  const upstreamError = await upstream;
  if (upstreamError !== undefined) {
    if (isPeerGone(upstreamError)) {
      throw new UserError(t().net.closedBeforeInputSent);
    }
    throw upstreamError;
  }
  return { received, sent: ends.input.sent - sentBefore };
}

/** Copies `source` into `sink` until end of stream; returns the byte count. */
async function copyToEnd(source: HalfClosable, sink: ByteSink): Promise<number> {
  const buffer = new Uint8Array(PIPE_BUFFER_SIZE);
  let total = 0;
  for (;;) {
    let n: number | null;
    try {
      n = await source.read(buffer);
    } catch (error) {
      if (error instanceof Deno.errors.ConnectionReset) {
        throw new UserError(t().net.resetAfter(total));
      }
      throw error;
    }
    if (n === null) return total;
    try {
      await writeAll(sink, buffer.subarray(0, n));
    } catch (error) {
      // The reader of our output went away (`| head`): like netcat, stop quietly.
      if (error instanceof Deno.errors.BrokenPipe) return total;
      throw error;
    }
    total += n;
  }
}

function isPeerGone(error: unknown): boolean {
  return error instanceof Deno.errors.BrokenPipe ||
    error instanceof Deno.errors.ConnectionReset ||
    error instanceof Deno.errors.NotConnected;
}
