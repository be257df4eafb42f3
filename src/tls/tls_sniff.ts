/**
 * Recognises TLS by its first bytes, so either side of a plain-text connection
 * can say "the other side is speaking TLS" instead of showing binary noise, and
 * a TLS side can say "the other side is speaking plain text". Pure.
 */

import { en } from "../i18n/messages_en.ts";
import { inEveryLanguage } from "../i18n/any_language.ts";

/**
 * What a plain tp1 server answers, in plain text, to a client that starts a TLS
 * handshake; a TLS client that reads it knows to say "drop --tls". The English
 * line: a server sends it in its own language (`t().gate.plainOnly`).
 */
export const PLAIN_ONLY_LINE = en.gate.plainOnly;

const PLAIN_ONLY_LINES = inEveryLanguage((m) => m.gate.plainOnly);

/** Whether `line` is a plain tp1 server's answer to a TLS handshake, in any language. */
export function isPlainOnlyLine(line: string): boolean {
  return PLAIN_ONLY_LINES.includes(line);
}

/** TLS record content types: change_cipher_spec, alert, handshake, application_data. */
const RECORD_TYPES = new Set([0x14, 0x15, 0x16, 0x17]);
const HANDSHAKE = 0x16;
const ALERT = 0x15;

/** What the first bytes of a stream look like. */
export type TlsSniff =
  /** A handshake record: a TLS client's ClientHello (or a server's reply). */
  | "tls-handshake"
  /** An alert record: a TLS peer refusing what we sent. */
  | "tls-alert"
  /** Another TLS record type. */
  | "tls-other"
  /** Not TLS: plain text or some other protocol. */
  | "not-tls"
  /** Too few bytes to tell. */
  | "unknown";

/** Classifies the first bytes received on a connection (record type, then protocol major version 3). */
export function sniffTls(bytes: Uint8Array): TlsSniff {
  if (bytes.length === 0) return "unknown";
  if (!RECORD_TYPES.has(bytes[0])) return "not-tls";
  if (bytes.length < 2) return "unknown";
  if (bytes[1] !== 0x03) return "not-tls";
  if (bytes[0] === HANDSHAKE) return "tls-handshake";
  if (bytes[0] === ALERT) return "tls-alert";
  return "tls-other";
}
