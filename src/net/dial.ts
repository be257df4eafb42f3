/**
 * Opens a TCP connection to a host, trying each of its addresses in turn (so
 * `localhost` works whether ::1 or 127.0.0.1 answers), within a time limit.
 */
import { t } from "../i18n/catalogue.ts";
import { formatHostPort, type HostPort } from "../core/host_port.ts";
import { UserError } from "../errors.ts";
import { describeConnectFailure } from "./connect_failure.ts";
import { resolveHost } from "./resolve_host.ts";
import { untilAborted } from "../io/until_aborted.ts";

/** Options for {@linkcode dial}. */
export interface DialOptions {
  /** Gives up on each address after this long. */
  timeoutMs?: number;
  /** Aborts the whole attempt (Ctrl-C). */
  signal?: AbortSignal;
  /** Turns the host into addresses to try in order; the system resolver by default. */
  resolve?: (host: string) => Promise<string[]>;
  /** A connection to one of the addresses, already being made (client/head_start.ts): taken over. */
  underWay?: DialUnderWay;
}

/** A connection to `host` (an address) and `port` that was started before the dial. */
export interface DialUnderWay {
  readonly host: string;
  readonly port: number;
  readonly conn: Promise<Deno.TcpConn>;
}

/** Connects to `target`, or throws a UserError that says what went wrong and what to do. */
export async function dial(target: HostPort, options: DialOptions = {}): Promise<Deno.TcpConn> {
  const addresses = await (options.resolve ?? resolveHost)(target.host);
  let firstFailure: unknown;
  for (const address of addresses) {
    options.signal?.throwIfAborted();
    try {
      return await connectOnce({ host: address, port: target.port }, options);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      firstFailure ??= error;
    }
  }
  throw new UserError(describeConnectFailure(target, firstFailure, options.timeoutMs));
}

async function connectOnce(
  address: HostPort,
  { timeoutMs, signal, underWay }: DialOptions,
): Promise<Deno.TcpConn> {
  const signals = [signal, timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined]
    .filter((s): s is AbortSignal => s !== undefined);
  const combined = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  try {
    if (underWay?.host === address.host && underWay.port === address.port) {
      return await untilAborted(underWay.conn, combined).catch((error) => {
        // Given up on: the connection is closed once it is made.
        if (combined?.aborted) underWay.conn.then((made) => made.close(), () => {});
        throw error;
      });
    }
    return await Deno.connect({
      hostname: address.host,
      port: address.port,
      signal: combined,
      autoSelectFamily: false,
    });
  } catch (error) {
    if (combined?.aborted && !signal?.aborted) {
      throw new Deno.errors.TimedOut(t().net.connectTimedOut(formatHostPort(address)));
    }
    throw error;
  }
}
