/**
 * Where `tp1 serve --udp` and `tp1 connect --udp` leave the TCP commands: the
 * parsed options are checked for UDP (TCP-only ones refused, saying why) and
 * handed to the UDP server or client. Loaded only when --udp is given.
 */
import { serverSecurity, type ServeSecurityFlags } from "./serve_security_options.ts";
import { warn } from "../terminal/stderr_log.ts";
import type { HostPort } from "../core/host_port.ts";
import { connectUdp } from "../udp/connect_udp.ts";
import { serveUdp } from "../udp/serve_udp.ts";

/** `tp1 serve --udp` as read from its arguments (TCP-only options already refused). */
export interface ServeUdpPlan {
  readonly help: false;
  readonly udp: true;
  readonly port: number;
  readonly host: string | undefined;
  readonly crlf: boolean;
  readonly verbose: boolean;
  /** `--allow`, `--deny`, `--allow-file`: read when the plan runs. */
  readonly security: ServeSecurityFlags;
}

/** `tp1 connect --udp` as read from its arguments (TCP-only options already refused). */
export interface ConnectUdpPlan {
  readonly help: false;
  readonly udp: true;
  readonly target: HostPort;
  readonly broadcast: boolean;
  readonly lingerMs: number;
  readonly crlf: boolean;
  readonly verbose: boolean;
}

/** Carries a {@linkcode ServeUdpPlan} out: takes datagrams until Ctrl-C. */
export async function runServeUdp(plan: ServeUdpPlan, usage: string): Promise<number> {
  const { access } = await serverSecurity(plan.security, usage, warn);
  return await serveUdp({
    port: plan.port,
    host: plan.host,
    access,
    lineEnding: plan.crlf ? "\r\n" : "\n",
    verbose: plan.verbose,
  });
}

/** Carries a {@linkcode ConnectUdpPlan} out: sends datagrams, shows or pipes the replies. */
export async function runConnectUdp(plan: ConnectUdpPlan, usage: string): Promise<number> {
  return await connectUdp({
    target: plan.target,
    broadcast: plan.broadcast,
    lingerMs: plan.lingerMs,
    lineEnding: plan.crlf ? "\r\n" : "\n",
    verbose: plan.verbose,
    usage,
  });
}
