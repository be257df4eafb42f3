/** Finds a TCP port nobody listens on, for subprocesses that must be told a port up front. */

/** A port that was free a moment ago on `hostname` (the kernel picked it for `port: 0`). */
export function freePort(hostname = "127.0.0.1"): number {
  const listener = Deno.listen({ hostname, port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}
