/**
 * The security side of `tp1 serve`: `--tls` with a given or a freshly made
 * certificate, `--allow`/`--deny`/`--allow-file`, and `--password`. Turns the
 * flags into one {@linkcode ServerSecurity}; contradictions are usage errors.
 */
import { t } from "../i18n/catalogue.ts";
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { allowFileEntries } from "../access/access_policy.ts";
import { type AddressRule, parseAddressRule } from "../access/address_rule.ts";
import { UsageError, UserError } from "../errors.ts";
import { readUserFile } from "../files/user_file.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { certFingerprint } from "../tls/cert_fingerprint.ts";
import { readPemBundle } from "../tls/pem_bundle.ts";
import { generateSelfSignedCert } from "../tls/make_certificate.ts";
import { localHostname } from "../terminal/terminal_facts.ts";
import type { ServerSecurity, ServerTls } from "../gate/connection_gate.ts";
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
  const allow = (flags.allow ?? []).map(parseAddressRule);
  for (const file of flags["allow-file"] ?? []) {
    const entries = allowFileEntries(await readUserFile(file, t().files.allowFile));
    allow.push(...entries.map((entry) => ruleFromFile(entry, file)));
  }
  const access = { allow, deny: (flags.deny ?? []).map(parseAddressRule) };
  if ((flags["allow-file"] ?? []).length > 0 && access.allow.length === 0) {
    throw new UsageError(t().usage.allowFileEmpty, usage);
  }
  const tls = await serverTls(flags, usage, warn);
  const password = await passwordFromOptions(flags, usage, warn);
  if (password !== undefined && !tls) {
    warn(t().files.passwordInClear);
  }
  return { tls, access, password };
}

/** An entry of an allow file as a rule; a bad one is an error in that file, not on the command line. */
function ruleFromFile(entry: string, file: string): AddressRule {
  try {
    return parseAddressRule(entry);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UserError(t().files.inAllowFile(file, error.message));
  }
}

async function serverTls(
  flags: ServeSecurityFlags,
  usage: string,
  warn: (message: string) => void,
): Promise<ServerTls | undefined> {
  if (flags.key !== undefined && flags.cert === undefined) {
    throw new UsageError(t().usage.keyWithoutCert, usage);
  }
  if (flags.cert !== undefined) {
    const { cert, key } = await certAndKey(flags.cert, flags.key);
    checkCertifiedKey(cert, key, flags.cert, flags.key ?? flags.cert, warn);
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

/**
 * The certificate chain from the --cert file and the private key from the --key
 * file, either of which may hold both (one file from `openssl req -x509 -keyout
 * b.pem -out b.pem`); with no --key, the key must be in the --cert file.
 */
async function certAndKey(
  certPath: string,
  keyPath: string | undefined,
): Promise<{ cert: string; key: string }> {
  const certFile = readPemBundle(await readUserFile(certPath, t().files.certFile));
  const keyFile = keyPath === undefined || keyPath === certPath
    ? certFile
    : readPemBundle(await readUserFile(keyPath, t().files.keyFile));
  if (certFile.certificates === undefined) {
    const swapped = certFile.privateKey !== undefined && keyPath !== undefined;
    throw new UserError(t().files.noCertificate(certPath, swapped));
  }
  if (keyFile.privateKey === undefined) {
    const where = keyPath ?? certPath;
    const advice = keyFile.encryptedKey
      ? "passphrase"
      : keyPath === undefined
      ? "give-key"
      : undefined;
    throw new UserError(t().files.noPrivateKey(where, advice));
  }
  return { cert: certFile.certificates, key: keyFile.privateKey };
}

/**
 * Checks at start-up what TLS would otherwise only report at each client's
 * handshake, in words no one could act on ("unsupported protocol"): a key
 * that is not the certificate's is an error; a certificate out of its dates
 * (which verifying clients refuse) is a warning.
 */
function checkCertifiedKey(
  certPem: string,
  keyPem: string,
  certPath: string,
  keyPath: string,
  warn: (message: string) => void,
): void {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
  } catch {
    throw new UserError(t().files.unreadableCertificate(certPath));
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw new UserError(t().files.unreadableKey(keyPath));
  }
  if (!cert.checkPrivateKey(key)) {
    throw new UserError(t().files.keyMismatch(keyPath, certPath));
  }
  const now = Date.now();
  if (Date.parse(cert.validTo) < now) {
    const when = shownDate(cert.validTo);
    warn(t().files.certExpired(certPath, when));
  } else if (Date.parse(cert.validFrom) > now) {
    const when = shownDate(cert.validFrom);
    warn(t().files.certNotYetValid(certPath, when));
  }
}

/** `2020-01-02 00:00 UTC`, as tp1 connect shows certificate dates. */
function shownDate(x509Date: string): string {
  return new Date(x509Date).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}
