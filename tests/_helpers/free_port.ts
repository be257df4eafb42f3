/**
 * Finds a TCP port nobody listens on, for subprocesses that must be told a port up front.
 *
 * The port is drawn at random below the kernel's ephemeral range (32768 and up
 * on Linux), not picked by the kernel with `port: 0`: between this check and the
 * subprocess's bind, a kernel-picked port can be handed out again — as another
 * test file's "free port" (under `deno test --parallel` they all share this
 * process) or as the source port of any outgoing connection on the machine.
 * Below that range only another random draw can land on it, and rarely.
 */
import { findPortSockets } from "../../src/proc/port_holders.ts";

/** The ports drawn from: above the usual services, below the ephemeral range. */
const FIRST = 20_000;
const LAST = 32_767;

/** A port that was free a moment ago on `hostname`. */
export function freePort(hostname = "127.0.0.1"): number {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST + 1));
    try {
      Deno.listen({ hostname, port }).close();
      return port;
    } catch (error) {
      if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    }
  }
  throw new Error(`no free port found between ${FIRST} and ${LAST} on ${hostname}`);
}

/**
 * A port free as {@linkcode freePort}, on which no socket of any state exists either (no
 * TIME_WAIT left by an earlier connection to that number), so `tp1 port` calls it free
 * without qualification. Reads /proc (--allow-all, Linux).
 */
export async function unusedPort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = freePort();
    if ((await findPortSockets(port, {}, ["tcp", "udp"])).sockets.length === 0) return port;
  }
  throw new Error("no port without any socket found");
}
