/**
 * `tp1 cert`: writes a TLS certificate and private key a class can keep and
 * reuse (`tp1 serve --tls --cert … --key …` on the server, `--ca` or
 * `--fingerprint` on the clients), or with `--ca` a small CA and a server
 * certificate it signed. Keys are written with mode 0600, and nothing is
 * overwritten without `--force`.
 */
import { printHelp } from "./print_help.ts";
import { join } from "node:path";
import { UsageError, UserError } from "../errors.ts";
import { leadingZeroProblem } from "../core/ip_address.ts";
import { describeFileError, readUserFile } from "../files/user_file.ts";
import { isHostName } from "../core/host_name.ts";
import { ipLiteralBytes } from "../core/ip_address.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { isCaCertificate, loadCertifiedKey } from "../tls/load_certified_key.ts";
import {
  type CertifiedKey,
  generateCaSignedCert,
  generateSelfSignedCert,
} from "../tls/make_certificate.ts";
import { type Command, localizedCommand } from "./command.ts";
import { type Messages, t } from "../i18n/catalogue.ts";
import { parseOptions } from "./parse_options.ts";

/** The usage line, in the active language (its placeholders too). */
const usageLine = (): string => t().usage.lines.cert;
const DEFAULT_DAYS = 365;
const MAX_DAYS = 3650;
/** A CA outlives the server certificates it signs, so they can be renewed without a new CA. */
const CA_DAYS = 3650;
const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

/** The files `tp1 cert` writes, by role. */
export const CERT_FILES = {
  cert: "tp1-cert.pem",
  key: "tp1-key.pem",
  caCert: "tp1-ca.pem",
  caKey: "tp1-ca-key.pem",
} as const;

/** The values the help texts show. */
const helpValues = () => ({ CA_DAYS, CERT_FILES, DEFAULT_DAYS, MAX_DAYS, USAGE: usageLine() });

/** What `tp1 cert --help` prints, in the active language. */
const shortHelp = (): string => t().help.cert.short(helpValues());
/** What `tp1 help cert` prints: everything. */
const fullHelp = (): string => t().help.cert.details(helpValues());

/** The `cert` subcommand. */
export const certCommand: Command = localizedCommand(
  "cert",
  { usage: usageLine, help: shortHelp, details: fullHelp },
  async (args) => await runCertPlan(parseCertCommand(args)),
);

/** What `tp1 cert` was asked to do: show the help, or write a certificate (and CA). */
export interface CertPlan {
  readonly help: boolean;
  /** The directory the files go to (`--out`). */
  readonly out: string;
  readonly days: number;
  /** The `--name` values; undefined: this machine's names, found when the plan runs. */
  readonly names: readonly string[] | undefined;
  /** Sign with a local CA in `out` (`--ca`), made if missing. */
  readonly ca: boolean;
  readonly force: boolean;
}

/** The arguments of `tp1 cert` as a plan; throws a UsageError. Pure. */
export function parseCertCommand(args: string[]): CertPlan {
  const { values, positionals } = parseOptions(args, {
    out: { type: "string", short: "o" },
    name: { type: "string", short: "n", multiple: true },
    days: { type: "string" },
    ca: { type: "boolean" },
    force: { type: "boolean", short: "f" },
    help: { type: "boolean", short: "h" },
  }, usageLine());
  if (values.help) {
    return { help: true, out: ".", days: DEFAULT_DAYS, names: undefined, ca: false, force: false };
  }
  if (positionals.length > 0) {
    throw new UsageError(
      t().usage.certUnexpected(positionals[0]),
      usageLine(),
    );
  }
  return {
    help: false,
    out: values.out ?? ".",
    days: parseDays(values.days),
    names: values.name ? parseNames(values.name) : undefined,
    ca: values.ca ?? false,
    force: values.force ?? false,
  };
}

/** Carries a {@linkcode CertPlan} out: writes the files and prints how to use them. */
export async function runCertPlan(plan: CertPlan): Promise<number> {
  if (plan.help) {
    printHelp(shortHelp());
    return 0;
  }
  const { out, days, force } = plan;
  const names = plan.names ??
    defaultCertNames(localHostnameOrUndefined(), reachableAddresses());

  const paths = {
    cert: join(out, CERT_FILES.cert),
    key: join(out, CERT_FILES.key),
    caCert: join(out, CERT_FILES.caCert),
    caKey: join(out, CERT_FILES.caKey),
  };
  await prepareDirectory(out);
  if (!force) await refuseExisting([paths.cert, paths.key]);
  const ca = plan.ca ? await loadOrMakeCa(paths, names) : undefined;

  const options = { names, validityDays: days };
  const server = ca
    ? await generateCaSignedCert(ca.key, options)
    : await generateSelfSignedCert(options);
  await writeFile(paths.cert, server.certPem, 0o644, force);
  await writeFile(paths.key, server.keyPem, 0o600, force);

  console.log(renderCertReport({
    names,
    server,
    paths,
    ca: ca && { made: ca.made, fingerprint: ca.key.fingerprint },
    days,
  }));
  return 0;
}

function parseDays(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DAYS;
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) {
    throw new UsageError(t().usage.days(MAX_DAYS, text), usageLine());
  }
  return days;
}

/** `--name` values: repeatable and comma-separated, brackets allowed around IPv6, no duplicates. */
export function parseNames(values: readonly string[]): string[] {
  const names = values.flatMap((value) => value.split(","))
    .map((name) => name.trim().replace(/^\[(.*)\]$/, "$1"))
    .filter((name) => name !== "");
  if (names.length === 0) throw new UsageError(t().usage.nameNeeded, usageLine());
  for (const name of names) {
    const ambiguous = leadingZeroProblem(name);
    if (ambiguous !== undefined) throw new UsageError(`--name ${ambiguous}`, usageLine());
    if (!isCertName(name)) {
      throw new UsageError(t().usage.notCertName(name), usageLine());
    }
  }
  return dedupe(names);
}

/**
 * The names a certificate made on this machine should carry when none are
 * given: its host name (full and short), its reachable addresses, and loopback.
 */
export function defaultCertNames(
  hostname: string | undefined,
  addresses: readonly string[],
): string[] {
  const ownNames = hostname === undefined ? [] : [hostname, hostname.split(".")[0]];
  return dedupe([...ownNames, ...addresses, ...LOOPBACK_NAMES].filter(isCertName));
}

function dedupe(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A DNS name, IPv4 or IPv6 address that can go in subjectAltName. */
function isCertName(name: string): boolean {
  return ipLiteralBytes(name) !== undefined || isHostName(name);
}

function localHostnameOrUndefined(): string | undefined {
  try {
    return Deno.hostname();
  } catch {
    return undefined;
  }
}

async function prepareDirectory(out: string): Promise<void> {
  try {
    await Deno.mkdir(out, { recursive: true });
  } catch (error) {
    throw new UserError(t().cert.badOutDir(out, describeFileError(error)));
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw new UserError(t().cert.cannotCheck(path, describeFileError(error)));
  }
}

/** Refuses before writing anything, so a refusal never leaves half a set of files. */
async function refuseExisting(paths: readonly string[]): Promise<void> {
  const present = [];
  for (const path of paths) if (await exists(path)) present.push(path);
  if (present.length > 0) {
    throw new UserError(t().cert.alreadyExist(present));
  }
}

/** Reuses the CA in DIR when both its files are there, or makes one. */
async function loadOrMakeCa(
  paths: { caCert: string; caKey: string },
  names: readonly string[],
): Promise<{ key: CertifiedKey; made: boolean }> {
  const [haveCert, haveKey] = [await exists(paths.caCert), await exists(paths.caKey)];
  if (haveCert !== haveKey) {
    throw new UserError(
      t().cert.halfCa(
        haveCert ? paths.caCert : paths.caKey,
        haveCert ? paths.caKey : paths.caCert,
      ),
    );
  }
  if (haveCert) {
    const [certPem, keyPem] = await Promise.all([
      readUserFile(paths.caCert, t().files.caCert),
      readUserFile(paths.caKey, t().files.caKey),
    ]);
    try {
      if (!isCaCertificate(certPem)) throw new TypeError(t().cert.notCaCertificate);
      return { key: await loadCertifiedKey(certPem, keyPem), made: false };
    } catch (error) {
      throw new UserError(
        t().cert.badCa(paths.caCert, paths.caKey, (error as Error).message),
      );
    }
  }
  const key = await generateSelfSignedCert({
    names: [],
    commonName: `tp1 lab CA (${names[0]})`,
    validityDays: CA_DAYS,
    isCa: true,
  });
  await writeFile(paths.caCert, key.certPem, 0o644, false);
  await writeFile(paths.caKey, key.keyPem, 0o600, false);
  return { key, made: true };
}

/**
 * Writes a new file with `mode`. A replaced file is removed first, because
 * `mode` only applies to a file being created: an old key file readable by
 * others must not keep its permissions.
 */
async function writeFile(path: string, text: string, mode: number, replace: boolean) {
  try {
    if (replace) await Deno.remove(path).catch(() => undefined);
    await Deno.writeTextFile(path, text, { mode, createNew: true });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) {
      throw new UserError(t().cert.fileExists(path));
    }
    throw new UserError(t().cert.cannotWrite(path, describeFileError(error)));
  }
  if (mode === 0o600) {
    const { mode: actual } = await Deno.stat(path);
    if (actual !== null && (actual & 0o077) !== 0) {
      throw new UserError(
        t().cert.readableByOthers(path, (actual & 0o777).toString(8)),
      );
    }
  }
}

/** What was written, for {@linkcode renderCertReport}. */
export interface CertReport {
  readonly names: readonly string[];
  readonly server: CertifiedKey;
  readonly paths: { cert: string; key: string; caCert: string; caKey: string };
  /** With --ca: whether the CA was made now, and its fingerprint. */
  readonly ca: { made: boolean; fingerprint: string } | undefined;
  readonly days: number;
}

/** The text `tp1 cert` prints: the files, the fingerprint, and the commands to use them. Pure. */
export function renderCertReport(
  { names, server, paths, ca, days }: CertReport,
  m: Messages = t(),
): string {
  const host = exampleHost(names);
  const until = server.notAfter.toISOString().slice(0, 10);
  const width = Math.max(...Object.values(paths).map((p) => p.length)) + 2;
  const row = (path: string, what: string) => `  ${path.padEnd(width)}${what}`;
  const lines = [
    m.cert.wrote(names.join(", ")),
    m.cert.validFor(days, until, ca !== undefined),
    "",
  ];
  if (ca) {
    lines.push(
      row(paths.caCert, m.cert.caCertRow(ca.made)),
      row(paths.caKey, m.cert.caKeyRow),
    );
  }
  lines.push(
    row(paths.cert, m.cert.certRow(ca !== undefined)),
    row(paths.key, m.cert.keyRow),
    "",
    m.cert.fingerprintTitle,
    `  ${server.fingerprint}`,
    "",
    m.cert.onServer,
    `  tp1 serve --tls --cert ${shellWord(paths.cert)} --key ${shellWord(paths.key)}`,
    m.cert.onEachClient(ca ? CERT_FILES.caCert : CERT_FILES.cert),
    `  tp1 connect --tls --ca ${ca ? CERT_FILES.caCert : CERT_FILES.cert} ${host}`,
    m.cert.orPin,
    `  tp1 connect --tls --fingerprint ${server.fingerprint} ${host}`,
  );
  if (ca) {
    lines.push(
      "",
      m.cert.caFingerprint(ca.fingerprint),
      m.cert.anotherServer,
    );
  }
  return lines.join("\n");
}

/** The address to show in the client examples: an IPv4 address others can reach, if any. */
function exampleHost(names: readonly string[]): string {
  const notLoopback = names.filter((n) => !LOOPBACK_NAMES.includes(n) && !n.startsWith("127."));
  return notLoopback.find((n) => /^\d+\.\d+\.\d+\.\d+$/.test(n)) ?? notLoopback[0] ?? names[0];
}

/** Quotes a path for a shell command line when it needs it. */
function shellWord(text: string): string {
  return /^[\w./@%+=:,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
