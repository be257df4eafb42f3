/**
 * Resolves a host name the way the system does (`/etc/hosts`, then DNS, via
 * getaddrinfo), keeping every address so a caller can try the next one.
 */
import { t } from "../i18n/catalogue.ts";
import { UserError } from "../errors.ts";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Looks a name up, as `node:dns` `lookup(host, { all: true })` does. */
export type LookupAll = (host: string) => Promise<{ address: string }[]>;

/** node:dns, imported only for a name: an IP address (the usual case in a lab) skips it. */
const systemLookup: LookupAll = async (host) =>
  await (await import("node:dns/promises")).lookup(host, { all: true });

/** Why a host name gave no address: it does not exist, no DNS server answered, or another failure. */
export type LookupFailureKind = "unknown-host" | "no-answer" | "failed";

/** A host name that could not be looked up; `kind` tells callers the cases apart. */
export class LookupError extends UserError {
  override name = "LookupError";
  constructor(readonly kind: LookupFailureKind, message: string) {
    super(message);
  }
}

/** Returns the addresses of `host` in the system's preferred order; an IP literal is itself. */
export async function resolveHost(host: string, lookupAll = systemLookup): Promise<string[]> {
  if (IPV4.test(host) || host.includes(":")) return [host];
  try {
    const found = await lookupAll(host);
    return found.map((entry) => entry.address);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOTFOUND" || code === "EAI_NONAME" || code === "ENODATA") {
      throw new LookupError(
        "unknown-host",
        t().net.unknownHost(host),
      );
    }
    if (code === "EAI_AGAIN" || code === "ETIMEOUT") {
      throw new LookupError(
        "no-answer",
        t().net.noDnsAnswer(host),
      );
    }
    throw new LookupError(
      "failed",
      t().net.lookupFailed(host, (error as Error).message),
    );
  }
}
