/**
 * `connect --wait`: keeps trying until the server is up (a student often starts
 * the client first), with backoff and a progress line, until a deadline.
 */
import { t } from "../i18n/catalogue.ts";
import { backoffDelayMs } from "../core/backoff.ts";
import { formatHostPort, type HostPort } from "../core/host_port.ts";
import { UserError } from "../errors.ts";
import { sleep } from "../io/delay.ts";
import { dial, type DialOptions } from "../net/dial.ts";
import { LookupError } from "../net/resolve_host.ts";

/** Options for {@linkcode dialUntilUp}. */
export interface WaitOptions extends DialOptions {
  /** Give up after this long; undefined waits for ever (until Ctrl-C). */
  waitMs?: number;
  /** Told about each failed attempt and the time until the next one. */
  onRetry?: (attempt: number, nextInMs: number, reason: string) => void;
}

/** Connects to `target`, retrying refused or unanswered attempts until the deadline. */
export async function dialUntilUp(target: HostPort, options: WaitOptions): Promise<Deno.TcpConn> {
  const deadline = options.waitMs === undefined ? Infinity : Date.now() + options.waitMs;
  for (let attempt = 1;; attempt++) {
    try {
      return await dial(target, options);
    } catch (error) {
      if (!(error instanceof UserError) || options.signal?.aborted) throw error;
      // A name that does not exist will not come up by waiting; a DNS server may.
      if (error instanceof LookupError && error.kind === "unknown-host") throw error;
      const pause = Math.min(backoffDelayMs(attempt), deadline - Date.now());
      if (pause <= 0) {
        throw new UserError(
          t().client.gaveUpWaiting(formatHostPort(target), attempt, error.message),
        );
      }
      options.onRetry?.(attempt, pause, error.message);
      await sleep(pause, options.signal);
    }
  }
}
