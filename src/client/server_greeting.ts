/**
 * What a server's first words tell a plain-TCP `tp1 connect` that it must act
 * on instead of showing them as data: the server speaks TLS (it answered with a
 * TLS record, or with `tp1 serve --tls`'s plain-text hint), or it refused the
 * password typed at its request. Pure.
 */
import { t } from "../i18n/catalogue.ts";
import { formatHostPort, type HostPort } from "../core/host_port.ts";
import { UserError } from "../errors.ts";
import { isPasswordRejected } from "../auth/password_protocol.ts";
import { inEveryLanguage } from "../i18n/any_language.ts";
import { sniffTls } from "../tls/tls_sniff.ts";

const encodeLine = (line: string) => new TextEncoder().encode(`${line}\n`);
/** `tp1 serve --tls --password`'s plain-text hint, in every language. */
const PASSWORD_HINTS = inEveryLanguage((m) => encodeLine(m.gate.tlsOnlyPassword));
/** `tp1 serve --tls`'s plain-text hints, in every language: the server may speak another. */
const HINTS = [...inEveryLanguage((m) => encodeLine(m.gate.tlsOnly)), ...PASSWORD_HINTS];

/** Whether the first bytes from a server show it speaks TLS; "unknown" until enough arrived. */
export function tlsAnswer(first: Uint8Array): "tls" | "not-tls" | "unknown" {
  const sniff = sniffTls(first);
  // A TLS server reading our plain text answers with an alert (or a handshake record).
  if (sniff === "tls-alert" || sniff === "tls-handshake") return "tls";
  if (sniff === "unknown") return "unknown";
  let answer: "tls" | "not-tls" | "unknown" = "not-tls";
  for (const hint of HINTS) {
    const seen = hintSeen(first, hint);
    if (seen === "tls") return "tls";
    if (seen === "unknown") answer = "unknown";
  }
  return answer;
}

/** Whether the first bytes are the hint of a `--tls` server that also asks for a password. */
export function tlsHintAsksPassword(first: Uint8Array): boolean {
  return PASSWORD_HINTS.some((hint) => hintSeen(first, hint) === "tls");
}

/** Whether `first` is `hint` ("tls"), its beginning so far ("unknown"), or something else. */
function hintSeen(first: Uint8Array, hint: Uint8Array): "tls" | "not-tls" | "unknown" {
  const shared = Math.min(first.length, hint.length);
  for (let i = 0; i < shared; i++) if (first[i] !== hint[i]) return "not-tls";
  return first.length >= hint.length ? "tls" : "unknown";
}

/** Whether `line` is a tp1 server refusing the password it asked for. */
export function isPasswordRefusal(line: string): boolean {
  return isPasswordRejected(line.replace(/\r$/, ""));
}

/** What the server's first words showed. */
export type ServerVerdictKind = "speaks-tls" | "password-refused";

/** A plain-TCP session that must end in failure because of what the server said. */
export class ServerVerdictError extends UserError {
  override name = "ServerVerdictError";
  constructor(message: string, readonly kind: ServerVerdictKind) {
    super(message);
  }
}

/**
 * "HOST:PORT speaks TLS", with the command that connects to it; `passwordArgs`
 * (`--password`, `--password-file FILE`) end it when the server asks for one.
 */
export function speaksTlsError(target: HostPort, passwordArgs?: string): ServerVerdictError {
  // --password goes last: a word right after it would be refused (password_option.ts).
  const command = `tp1 connect --tls ${target.host} ${target.port}` +
    (passwordArgs ? ` ${passwordArgs}` : "");
  return new ServerVerdictError(
    t().client.speaksTls(formatHostPort(target), command),
    "speaks-tls",
  );
}

/** The server refused the password typed at its request. */
export function passwordRefusedError(target: HostPort): ServerVerdictError {
  return new ServerVerdictError(
    t().client.passwordRefused(formatHostPort(target)),
    "password-refused",
  );
}
