/**
 * Resolves a host name the way the system does (`/etc/hosts`, then DNS, via
 * getaddrinfo), keeping every address so a caller can try the next one.
 */
import { lookup } from "node:dns/promises";
import { UserError } from "../errors.ts";

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Returns the addresses of `host` in the system's preferred order; an IP literal is itself. */
export async function resolveHost(host: string): Promise<string[]> {
  if (IPV4.test(host) || host.includes(":")) return [host];
  try {
    const found = await lookup(host, { all: true });
    return found.map((entry) => entry.address);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "ENOTFOUND" || code === "EAI_NONAME" || code === "ENODATA") {
      throw new UserError(
        `unknown host "${host}": the name does not resolve; check the spelling or use an IP address`,
      );
    }
    throw new UserError(`could not look up "${host}" (${(error as Error).message})`);
  }
}
