/**
 * The `tp1 connect` commands a `--tls` server prints for its clients: the full
 * one to paste, and a short one (a fingerprint prefix) to copy from a lab
 * whiteboard onto another VM. Never holds a password: `--password` alone makes
 * the client ask for it. Pure.
 */
import { t } from "../i18n/catalogue.ts";
import { DEFAULT_PORT } from "../core/host_port.ts";
import { MIN_PIN_PREFIX_DIGITS } from "./tls_trust.ts";
import { fillLines, wrapWords } from "../core/word_wrap.ts";

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

/**
 * The lines a `--tls` server prints about how clients connect (without a
 * `tp1:` prefix). With `columns` (a terminal's width), a sentence that would
 * not fit ends with its colon and the command follows on lines of its own
 * (see {@linkcode commandBlock}), so that the terminal never cuts it; piped, one line each.
 */
export function clientCommandLines(facts: ServerFacts, columns?: number): string[] {
  const host = facts.hosts.length === 1 ? facts.hosts[0] : t().client.hostPlaceholder;
  // The host and its port stay together on a line when a command is broken.
  const where = facts.port === DEFAULT_PORT ? host : `${host} ${facts.port}`;
  // --password goes last: a word right after it would be refused (password_option.ts).
  const end = [where, ...(facts.needsPassword ? ["--password"] : [])];
  const full = facts.generated
    ? ["tp1", "connect", "--tls", "--fingerprint", facts.fingerprint, ...end]
    : ["tp1", "connect", "--tls", "--ca", "CERT.pem", ...end];
  const short = ["tp1", "connect", "--tls", "--fingerprint", shortFingerprint(facts.fingerprint)];
  const m = t().client;
  const lines = [
    m.tlsOn(facts.fingerprint),
    facts.generated ? m.madeForThisRun(full.join(" ")) : m.clientsConnectWith(full.join(" ")),
    m.whiteboard(MIN_PIN_PREFIX_DIGITS, [...short, ...end].join(" ")),
  ];
  if (columns === undefined) return lines;
  const fit = (line: string, title: string, command: string[]) =>
    [...line].length <= columns
      ? [line]
      : [wrapWords(title, columns), ...commandBlock(command, columns)];
  // The fingerprint alone is wider than 80 columns: in two halves under its sentence.
  const pairs = facts.fingerprint.split(":");
  const half = Math.ceil(pairs.length / 2);
  const fingerprint = [`  ${pairs.slice(0, half).join(":")}:`, `  ${pairs.slice(half).join(":")}`];
  return [
    ...([...lines[0]].length <= columns
      ? [lines[0]]
      : [wrapWords(m.tlsOn("").trimEnd(), columns), ...fingerprint]),
    ...fit(lines[1], facts.generated ? m.madeForThisRunTitle : m.clientsConnectWithTitle, full),
    ...fit(lines[2], m.whiteboardTitle(MIN_PIN_PREFIX_DIGITS), [...short, ...end]),
  ];
}

/**
 * A shell command laid out to fit `columns`, ready to copy: indented, broken
 * between arguments with `\` continuations. A fingerprint too wide for a line
 * loses its colons (`--fingerprint` takes it either way: tls_trust.ts).
 */
export function commandBlock(words: readonly string[], columns: number): string[] {
  const indent = "    ";
  // Each line keeps room for its " \".
  const room = columns - indent.length - 2;
  const fitted = words.map((word) =>
    word.length > room && /^[0-9A-F]{2}(:[0-9A-F]{2})+$/.test(word)
      ? word.replaceAll(":", "")
      : word
  );
  const lines = fillLines(fitted, columns, { lead: "  ", indent, reserve: 2 });
  return lines.map((line, i) => i < lines.length - 1 ? `${line} \\` : line);
}
