/**
 * The security side of `tp1 serve`: `--tls` with a given or a freshly made
 * certificate, `--allow`/`--deny`/`--allow-file`, and `--password`. Turns the
 * flags into one {@linkcode ServerSecurity}; contradictions are usage errors.
 */
import { allowFileEntries } from "../access/access_policy.ts";
import { parseAddressRule } from "../access/address_rule.ts";
import { UsageError, UserError } from "../errors.ts";
import { readUserFile } from "../files/user_file.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { certFingerprint } from "../tls/cert_fingerprint.ts";
import { generateSelfSignedCert } from "../tls/self_signed_cert.ts";
import { localHostname } from "../terminal/terminal_facts.ts";
import type { ServerSecurity, ServerTls } from "../session/connection_gate.ts";
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

/** Reads the security flags (and the files they name) into a {@linkcode ServerSecurity}. */
export async function serverSecurity(
  flags: ServeSecurityFlags,
  usage: string,
  warn: (message: string) => void,
): Promise<ServerSecurity> {
  const allowTexts = [...(flags.allow ?? [])];
  for (const file of flags["allow-file"] ?? []) {
    allowTexts.push(...allowFileEntries(await readUserFile(file, "the --allow-file")));
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
    const cert = await readUserFile(flags.cert, "the --cert file");
    const key = await readUserFile(flags.key, "the --key file");
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
