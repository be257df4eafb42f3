/**
 * The `tp1 connect` commands a `--tls` server prints for its clients: the full
 * one to paste, and a short one (a fingerprint prefix) to copy from a lab
 * whiteboard onto another VM. Never holds a password: `--password` alone makes
 * the client ask for it. Pure.
 */
import { t } from "../i18n/catalogue.ts";
import { DEFAULT_PORT } from "../core/host_port.ts";
import { MIN_PIN_PREFIX_DIGITS } from "./tls_trust.ts";

/** What a server knows about how clients reach and trust it. */
export interface ServerFacts {
  readonly fingerprint: string;
  /** The certificate was made for this run: clients can only pin it. */
  readonly generated: boolean;
  readonly port: number;
  /** The addresses clients may use; "HOST" (in the reader's language) is printed unless there is exactly one. */
  readonly hosts: readonly string[];
  readonly needsPassword: boolean;
}

/** The fingerprint's first MIN_PIN_PREFIX_DIGITS hex digits, in groups of 4: `A1F3:C77D:…`. */
export function shortFingerprint(fingerprint: string): string {
  const hex = fingerprint.replaceAll(":", "").slice(0, MIN_PIN_PREFIX_DIGITS);
  return hex.match(/.{1,4}/g)!.join(":");
}

/** What the server adds to its certificate's facts: where clients reach it, and the password. */
export type ClientFacts = Pick<ServerFacts, "hosts" | "needsPassword">;

/** The lines a `--tls` server prints about how clients connect (without a `tp1:` prefix). */
export function clientCommandLines(facts: ServerFacts): string[] {
  const host = facts.hosts.length === 1 ? facts.hosts[0] : t().client.hostPlaceholder;
  const where = facts.port === DEFAULT_PORT ? host : `${host} ${facts.port}`;
  // --password goes last: a word right after it would be refused (password_option.ts).
  const end = `${where}${facts.needsPassword ? " --password" : ""}`;
  const short = `tp1 connect --tls --fingerprint ${shortFingerprint(facts.fingerprint)} ${end}`;
  return [
    t().client.tlsOn(facts.fingerprint),
    facts.generated
      ? t().client.madeForThisRun(`tp1 connect --tls --fingerprint ${facts.fingerprint} ${end}`)
      : t().client.clientsConnectWith(`tp1 connect --tls --ca CERT.pem ${end}`),
    t().client.whiteboard(MIN_PIN_PREFIX_DIGITS, short),
  ];
}
