/** Turns a failed connection attempt into one sentence a student can act on. */
import { t } from "../i18n/catalogue.ts";
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
    return t().net.refused(where, target.port);
  }
  if (error instanceof Deno.errors.TimedOut || code === "ETIMEDOUT") {
    return t().net.timedOut(where, timeoutMs ? timeoutMs / 1000 : undefined);
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || /unreachable/i.test(String(error))) {
    return t().net.unreachable(where);
  }
  if (error instanceof Deno.errors.ConnectionReset || code === "ECONNRESET") {
    return t().net.resetWhileOpening(where);
  }
  return t().net.couldNotConnect(where, error instanceof Error ? error.message : String(error));
}
