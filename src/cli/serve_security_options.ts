/**
 * The security side of `tp1 serve`: `--tls` with a given or a freshly made
 * certificate, `--allow`/`--deny`/`--allow-file`, and `--password`. Turns the
 * flags into one {@linkcode ServerSecurity}; contradictions are usage errors.
 */
import { type AccessPolicy, allowFileEntries } from "../access/access_policy.ts";
import { parseAddressRule } from "../access/address_rule.ts";
import { UsageError, UserError } from "../errors.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { certFingerprint } from "../tls/cert_fingerprint.ts";
import { generateSelfSignedCert } from "../tls/self_signed_cert.ts";
import { localHostname } from "../terminal/terminal_facts.ts";
import { defaultCertNames } from "./cert_command.ts";
import { passwordFromOptions } from "./password_option.ts";

/** The flags as `parseOptions` returns them. */
export interface ServeSecurityFlags {
  readonly tls?: boolean;
  readonly cert?: string;
  readonly key?: string;
  readonly allow?: string[];
  readonly deny?: string[];
  readonly "allow-file"?: string[];
  readonly password?: string;
  readonly "password-file"?: string;
}

/** The server's certificate and key, and how clients can recognise it. */
export interface ServerTls {
  readonly cert: string;
  readonly key: string;
  readonly fingerprint: string;
  /** True when made at start-up (no --cert): clients must pin its fingerprint. */
  readonly generated: boolean;
}

/** Everything the gate in front of the room needs. */
export interface ServerSecurity {
  readonly tls?: ServerTls;
  readonly access: AccessPolicy;
  readonly password?: string;
}

/** Reads the security flags (and the files they name) into a {@linkcode ServerSecurity}. */
export async function serverSecurity(
  flags: ServeSecurityFlags,
  usage: string,
  warn: (message: string) => void,
): Promise<ServerSecurity> {
  const allowTexts = [...(flags.allow ?? [])];
  for (const file of flags["allow-file"] ?? []) {
    allowTexts.push(...allowFileEntries(await readText(file, "--allow-file")));
  }
  const access = {
    allow: allowTexts.map(parseAddressRule),
    deny: (flags.deny ?? []).map(parseAddressRule),
  };
  if ((flags["allow-file"] ?? []).length > 0 && access.allow.length === 0) {
    throw new UsageError("the --allow-file lists no address: nobody could connect", usage);
  }
  const tls = await serverTls(flags, usage);
  const password = await passwordFromOptions(flags, usage, warn);
  if (password !== undefined && !tls) {
    warn("--password without --tls: the password crosses the network in clear text");
  }
  return { tls, access, password };
}

async function serverTls(flags: ServeSecurityFlags, usage: string): Promise<ServerTls | undefined> {
  if ((flags.cert === undefined) !== (flags.key === undefined)) {
    throw new UsageError("--cert and --key go together: give both, or neither", usage);
  }
  if (flags.cert !== undefined && flags.key !== undefined) {
    const cert = await readText(flags.cert, "--cert");
    const key = await readText(flags.key, "--key");
    if (!cert.includes("-----BEGIN CERTIFICATE-----")) {
      throw new UserError(`${flags.cert} holds no PEM certificate (--cert)`);
    }
    if (!/-----BEGIN (EC |RSA |)PRIVATE KEY-----/.test(key)) {
      throw new UserError(`${flags.key} holds no PEM private key (--key)`);
    }
    return { cert, key, fingerprint: certFingerprint(cert), generated: false };
  }
  if (!flags.tls) return undefined;
  const made = await generateSelfSignedCert({
    names: defaultCertNames(localHostname(), reachableAddresses()),
    commonName: `tp1 server on ${localHostname()}`,
    validityDays: 1,
  });
  return { cert: made.certPem, key: made.keyPem, fingerprint: made.fingerprint, generated: true };
}

async function readText(path: string, flag: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new UserError(`cannot read ${path} (${flag}): ${why}`);
  }
}
