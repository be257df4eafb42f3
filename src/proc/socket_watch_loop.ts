/**
 * Adapter for `tp1 port PORT --watch`: reads /proc/net/tcp and tcp6 every few
 * milliseconds, compares with the last reading, and prints each change as it
 * happens. Cheap when nothing happens: only the lines naming the port are
 * kept and compared as text before anything is parsed; owners (a scan of every
 * /proc/PID/fd) are looked up only for sockets not seen before.
 */
import { delay } from "../io/delay.ts";
import { clockTimeMs } from "../core/clock_text.ts";
import { parseProcNetTcp } from "./proc_net_tcp.ts";
import { findSocketOwners, type ProcessInfo } from "./socket_owners.ts";
import {
  describePhase,
  diffSnapshots,
  formatChange,
  linesForPort,
  snapshotOf,
  type SocketSnapshot,
} from "./socket_watch.ts";

/** Options for {@linkcode watchPort}. */
export interface WatchOptions {
  /** Stops the watch (Ctrl-C). */
  readonly signal: AbortSignal;
  /** Where each line goes. */
  readonly print: (line: string) => void;
  /** Time between two readings (default 10 ms). */
  readonly intervalMs?: number;
  /** Defaults to `/proc`. */
  readonly procRoot?: string;
}

/** The default time between two readings of /proc/net/tcp. */
export const WATCH_INTERVAL_MS = 10;

/** Prints every change of `port`'s TCP sockets until `signal` aborts. */
export async function watchPort(port: number, options: WatchOptions): Promise<void> {
  const procRoot = options.procRoot ?? "/proc";
  const interval = options.intervalMs ?? WATCH_INTERVAL_MS;
  const owners = new Map<number, readonly ProcessInfo[]>();
  let lastText: string | undefined;
  let last: SocketSnapshot | undefined;
  const stopped = aborted(options.signal);
  while (!options.signal.aborted) {
    const readAt = performance.now();
    const text = linesForPort(readTables(procRoot), port);
    const readMs = performance.now() - readAt;
    if (text !== lastText) {
      lastText = text;
      const now = snapshotOf(parseProcNetTcp(text), port);
      const initial = last === undefined;
      const changes = diffSnapshots(last ?? new Map(), now);
      last = now;
      if (changes.length > 0) {
        const at = clockTimeMs(new Date());
        const unknown = new Set(
          changes.map((c) => c.socket.inode).filter((i) => i !== 0 && !owners.has(i)),
        );
        if (unknown.size > 0) {
          const found = await findSocketOwners(unknown, procRoot);
          for (const inode of unknown) owners.set(inode, found.byInode.get(inode) ?? []);
        }
        for (const change of changes) {
          options.print(formatChange(at, change, owners.get(change.socket.inode), initial));
          const phase = initial ? undefined : describePhase(change, port);
          if (phase) options.print(`${" ".repeat(at.length)}  → ${phase}`);
          if (change.after === undefined) owners.delete(change.socket.inode);
        }
      }
    }
    // Where thousands of sockets make each reading slow, read less often rather than take a core.
    await Promise.race([delay(Math.max(interval, 2 * readMs), options.signal), stopped]);
  }
}

/**
 * Both tables as one text (tcp6 may not exist when IPv6 is off). Read
 * synchronously: the watch has nothing else to do meanwhile, and the
 * asynchronous read costs half as much again.
 */
function readTables(procRoot: string): string {
  const v4 = Deno.readTextFileSync(`${procRoot}/net/tcp`);
  try {
    return v4 + "\n" + Deno.readTextFileSync(`${procRoot}/net/tcp6`);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return v4;
    throw error;
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
