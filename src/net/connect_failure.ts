/** Turns a failed connection attempt into one sentence a student can act on. */
import { formatHostPort, type HostPort } from "../core/host_port.ts";

/** Describes why connecting to `target` failed and what to try next. */
export function describeConnectFailure(
  target: HostPort,
  error: unknown,
  timeoutMs?: number,
): string {
  const where = formatHostPort(target);
  const code = (error as { code?: string } | undefined)?.code;
  if (error instanceof Deno.errors.ConnectionRefused || code === "ECONNREFUSED") {
    return `nobody is listening on ${where} (connection refused); start the server there with: tp1 serve -p ${target.port}`;
  }
  if (error instanceof Deno.errors.TimedOut || code === "ETIMEDOUT") {
    const after = timeoutMs ? ` after ${timeoutMs / 1000} s` : "";
    return `no answer from ${where}${after} (connection timed out); check the address, and that a firewall does not drop the packets`;
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || /unreachable/i.test(String(error))) {
    return `${where} cannot be reached (no route to host); check the address and that both machines are on the same network`;
  }
  if (error instanceof Deno.errors.ConnectionReset || code === "ECONNRESET") {
    return `${where} reset the connection while it was being opened; is it really a tp1 server?`;
  }
  return `could not connect to ${where}: ${error instanceof Error ? error.message : String(error)}`;
}
