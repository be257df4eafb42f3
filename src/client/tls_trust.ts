/**
 * The TLS side of `tp1 connect`: turns `--tls`, `--ca`, `--fingerprint` and
 * `--insecure` into one way of trusting the server, and words what the user
 * sees about it (the banner line, the `--insecure` warning, the advice after a
 * refused certificate). Reads the `--ca` files; otherwise pure. node:crypto is
 * imported only to check `--ca` files, so plain and pinned start-ups skip it.
 */
import { t } from "../i18n/catalogue.ts";
import { formatHostPort, type HostPort } from "../core/host_port.ts";
import { UsageError, UserError } from "../errors.ts";
import { readUserFile } from "../files/user_file.ts";
import type { ServerVerification } from "../tls/start_tls_client.ts";
import type { TlsConnection } from "../tls/tls_connection.ts";
import type { TlsHandshakeError } from "../tls/tls_errors.ts";
import { passwordArgs, type PasswordFlags } from "./password_args.ts";

/** The TLS options as `parseOptions` returns them. */
export interface TlsFlags {
  readonly tls?: boolean;
  readonly ca?: string[];
  readonly fingerprint?: string;
  readonly insecure?: boolean;
}

/** How `tp1 connect` will trust the server, and the words to say so. */
export interface TlsClientSettings {
  readonly verify: ServerVerification;
  /** The `--ca` files, as given, when certificates came from files. */
  readonly caFiles: readonly string[];
  /**
   * `--fingerprint` given as a prefix (upper-case hex, no colons): the handshake
   * runs unverified (`verify` is "insecure") and the certificate's fingerprint
   * must then start with it, checked before anything is sent.
   */
  readonly pinPrefix?: string;
  /** `--password` or `--password-file FILE`, as given: repeated in the commands tp1 advises. */
  readonly passwordArgs?: string;
}

/** The fewest hex digits a `--fingerprint` prefix may have: 80 bits, too many to forge. */
export const MIN_PIN_PREFIX_DIGITS = 20;

/**
 * Decides whether to speak TLS and how to trust the server. `--ca`,
 * `--fingerprint` and `--insecure` imply `--tls`; contradictory ones are a
 * UsageError. Undefined means plain TCP.
 */
export async function tlsClientSettings(
  flags: TlsFlags & PasswordFlags,
  usage: string,
): Promise<TlsClientSettings | undefined> {
  const settings = await trustSettings(flags, usage);
  const password = passwordArgs(flags);
  return settings && password ? { ...settings, passwordArgs: password } : settings;
}

/** How to trust the server, from the TLS options alone. */
async function trustSettings(
  flags: TlsFlags,
  usage: string,
): Promise<TlsClientSettings | undefined> {
  const caFiles = flags.ca ?? [];
  const pin = flags.fingerprint;
  if (!flags.tls && caFiles.length === 0 && pin === undefined && !flags.insecure) return undefined;
  if (flags.insecure && pin !== undefined) {
    throw new UsageError(
      t().usage.insecureAndFingerprint,
      usage,
    );
  }
  if (flags.insecure && caFiles.length > 0) {
    throw new UsageError(
      t().usage.insecureAndCa,
      usage,
    );
  }
  if (pin !== undefined && caFiles.length > 0) {
    throw new UsageError(
      t().usage.caAndFingerprint,
      usage,
    );
  }
  if (pin !== undefined) {
    const hex = parsePin(pin, usage);
    return hex.length === 64
      ? { verify: { kind: "pin", fingerprint: hex.match(/../g)!.join(":") }, caFiles }
      : { verify: { kind: "insecure" }, caFiles, pinPrefix: hex };
  }
  if (flags.insecure) return { verify: { kind: "insecure" }, caFiles };
  if (caFiles.length === 0) return { verify: { kind: "ca" }, caFiles };
  const caCerts = (await Promise.all(caFiles.map(readCaFile))).flat();
  return { verify: { kind: "ca", caCerts }, caFiles };
}

/**
 * The hex digits of `--fingerprint`: the whole SHA-256 fingerprint, or a prefix
 * of at least MIN_PIN_PREFIX_DIGITS (colons, spaces, case and a `sha256:` label
 * do not matter). Anything else is a UsageError saying what is expected.
 */
export function parsePin(text: string, usage: string): string {
  const hex = text.trim().replace(/^sha-?256\s*(fingerprint)?\s*[:=]?\s*/i, "")
    .replace(/[:\s]/g, "").toUpperCase();
  // 40 digits is a whole SHA-1 fingerprint (ncat prints those), never taken as a prefix.
  const sha1 = text.replace(/^sha-?1\s*(fingerprint)?\s*[:=]?\s*/i, "").replace(/[:\s]/g, "");
  if (/^[0-9A-Fa-f]{40}$/.test(sha1)) {
    throw new UsageError(
      t().usage.sha1Fingerprint(text),
      usage,
    );
  }
  if (!/^[0-9A-F]+$/.test(hex) || hex.length > 64) {
    throw new UsageError(
      t().usage.fingerprintShape(MIN_PIN_PREFIX_DIGITS, text),
      usage,
    );
  }
  if (hex.length < MIN_PIN_PREFIX_DIGITS) {
    throw new UsageError(
      t().usage.fingerprintShort(text, hex.length, MIN_PIN_PREFIX_DIGITS),
      usage,
    );
  }
  return hex;
}

/** Whether `fingerprint` (`AB:CD:…`) starts with the hex digits `prefix`. */
export function matchesPinPrefix(fingerprint: string, prefix: string): boolean {
  return fingerprint.replaceAll(":", "").toUpperCase().startsWith(prefix);
}

const CERT_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/g;

/** The PEM certificates in one `--ca` file (a single certificate or a bundle). */
async function readCaFile(path: string): Promise<string[]> {
  const text = await readUserFile(path, t().client.caFileWhat);
  const certs = text.match(CERT_BLOCK)?.map((block) => `${block}\n`) ?? [];
  const { X509Certificate } = certs.length > 0 ? await import("node:crypto") : {};
  for (const cert of certs) {
    try {
      new X509Certificate!(cert);
    } catch {
      throw new UserError(
        t().client.caNotX509(path),
      );
    }
  }
  if (certs.length > 0) return certs;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    throw new UserError(
      t().client.caIsKey(path),
    );
  }
  throw new UserError(
    t().client.caNoCertificate(path),
  );
}

/** `TLSv1.3` as people write it: `TLS 1.3`. */
export function formatProtocol(protocol: string | null): string {
  return protocol?.replace(/^TLSv/, "TLS ") ?? "TLS";
}

/** One line for the banner or `-v`: protocol, how the server was trusted, its fingerprint. */
export function describeTls(conn: TlsConnection, settings: TlsClientSettings): string {
  const fingerprint = conn.peerCertificate?.fingerprint ?? t().client.unknown;
  const { verify } = settings;
  const trust = settings.pinPrefix !== undefined
    ? t().client.trustPinnedPrefix(settings.pinPrefix)
    : verify.kind === "pin"
    ? t().client.trustPinned
    : verify.kind === "insecure"
    ? t().client.trustInsecure
    : settings.caFiles.length > 0
    ? t().client.trustCa(settings.caFiles.join(", "))
    : t().client.trustSystem;
  return t().client.tlsLine(formatProtocol(conn.protocol), trust, fingerprint);
}

/** The exact command that pins `fingerprint` for `target` (with the password options, last). */
export function pinCommand(fingerprint: string, target: HostPort, passwordArgs?: string): string {
  return `tp1 connect --tls --fingerprint ${fingerprint} ${target.host} ${target.port}` +
    (passwordArgs ? ` ${passwordArgs}` : "");
}

/** What `--insecure` prints on stderr every time: the risk, and how to stop taking it. */
export function insecureWarning(
  conn: TlsConnection,
  target: HostPort,
  passwordArgs?: string,
): string {
  const fingerprint = conn.peerCertificate?.fingerprint ?? t().client.unknown;
  return t().client.insecureWarning(fingerprint, pinCommand(fingerprint, target, passwordArgs));
}

/**
 * Rewords a refused certificate for `tp1 connect`: what was wrong, the server's
 * fingerprint, and the exact command to pin it once the user has compared it
 * with the one the server shows (trust on first use).
 */
export function untrustedAdvice(
  error: TlsHandshakeError,
  target: HostPort,
  settings: TlsClientSettings,
): UserError {
  const fingerprint = error.peerCertificate?.fingerprint;
  if (error.kind !== "untrusted" || fingerprint === undefined) return error;
  const where = formatHostPort(target);
  const reason = error.detail ?? t().client.verificationFailed;
  const orCa = settings.caFiles.length > 0 ? "" : t().client.untrustedOrCa;
  return new UserError(
    t().client.untrusted(
      where,
      reason,
      fingerprint,
      pinCommand(fingerprint, target, settings.passwordArgs),
    ) + orCa,
    { cause: error },
  );
}
