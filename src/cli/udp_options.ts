/**
 * The command-line side of `--udp`: the options that make sense only over TCP
 * are usage errors that say why, and the UDP-only ones are refused without `--udp`.
 */
import { UsageError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";

/**
 * How long piped `connect --udp` waits for replies after stdin ends, unless `--linger` says.
 * Here, not in src/udp/, so that parsing `tp1 connect` does not load the UDP client.
 */
export const DEFAULT_LINGER_MS = 1000;

/** Refuses, with the reason, the first TCP-only option given with `--udp` to `command`. */
export function refuseTcpOnlyOptions(
  values: Readonly<Record<string, unknown>>,
  usage: string,
  command: "serve" | "connect" = "serve",
): void {
  const { why: reasons, whyConnect } = t().udp.usage;
  for (const name of Object.keys(values)) {
    const why = command === "connect" && Object.hasOwn(whyConnect, name)
      ? whyConnect[name]
      : Object.hasOwn(reasons, name)
      ? reasons[name]
      : undefined;
    if (why !== undefined && values[name] !== undefined) {
      throw new UsageError(t().udp.usage.tcpOnly(name, why), usage);
    }
  }
}

/** Refuses UDP-only options (`--broadcast`, `--linger`) given without `--udp`. */
export function refuseUdpOnlyOptions(
  values: Readonly<Record<string, unknown>>,
  usage: string,
): void {
  for (const name of ["broadcast", "linger"]) {
    if (values[name] !== undefined) {
      throw new UsageError(t().udp.usage.udpOnly(name), usage);
    }
  }
}
