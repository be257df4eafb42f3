/**
 * Where `tp1 serve --udp` and `tp1 connect --udp` leave the TCP commands: the
 * parsed options are checked for UDP (TCP-only ones refused, saying why) and
 * handed to the UDP server or client. Loaded only when --udp is given.
 */
import type { HostPort } from "../core/host_port.ts";
import { parseSecondsToMs } from "../cli/parse_duration.ts";
import { serverSecurity, type ServeSecurityFlags } from "../cli/serve_security_options.ts";
import { warn } from "../terminal/terminal_facts.ts";
import { connectUdp, DEFAULT_LINGER_MS } from "./connect_udp.ts";
import { serveUdp } from "./serve_udp.ts";
import { refuseTcpOnlyOptions } from "./udp_options.ts";

/** `tp1 serve --udp` with its parsed options. */
export async function runServeUdp(
  values: ServeSecurityFlags & Readonly<Record<string, unknown>>,
  port: number,
  usage: string,
): Promise<number> {
  refuseTcpOnlyOptions(values, usage);
  const { access } = await serverSecurity(values, usage, warn);
  return await serveUdp({
    port,
    host: values.host as string | undefined,
    access,
    lineEnding: values.crlf ? "\r\n" : "\n",
    verbose: values.verbose === true,
  });
}

/** `tp1 connect --udp` with its parsed options and target. */
export async function runConnectUdp(
  values: Readonly<Record<string, unknown>>,
  target: HostPort,
  usage: string,
): Promise<number> {
  refuseTcpOnlyOptions(values, usage);
  const lingerMs = values.linger === undefined
    ? DEFAULT_LINGER_MS
    : parseSecondsToMs(values.linger as string, "--linger", usage);
  return await connectUdp({
    target,
    broadcast: values.broadcast === true,
    lingerMs,
    lineEnding: values.crlf ? "\r\n" : "\n",
    verbose: values.verbose === true,
    usage,
  });
}
