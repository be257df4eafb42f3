/**
 * Turns transcript events into the text appended to a `--record` file, one
 * piece at a time, so the file is readable at every moment: the conversation
 * goes inside a fenced block that `end()` closes, followed by a table of the
 * connection's timeline (its TCP phases). Every line of the block starts with a
 * timestamp, so no peer text can close the fence early; a reply of several
 * lines (/who, /help) is written one line each. Its words are in the session's
 * language (the catalogue it is given). Pure: no clock, no file.
 */
import { clockTimeMs } from "../core/clock_text.ts";
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { describeClose, seconds } from "./close_summary.ts";
import { type Messages, t } from "../i18n/catalogue.ts";
import type { TranscriptEvent, TranscriptFormat, TranscriptHeader } from "./transcript_event.ts";

const FENCE = "```";

/** What a file already holds, as far as appending to it goes. */
export interface ExistingTranscript {
  /** The file had something in it: a separator goes first. */
  readonly nonEmpty: boolean;
  /** A fenced block was left open (the recording process was killed): it is closed first. */
  readonly fenceOpen: boolean;
}

/** Whether `text` (a file's contents) ends inside an unclosed ``` block. */
export function endsInsideFence(text: string): boolean {
  let open = false;
  for (const line of text.split("\n")) if (line.startsWith(FENCE)) open = !open;
  return open;
}

interface TimelineRow {
  readonly at: Date;
  readonly phase: string;
  readonly what: string;
}

/** One transcript's formatter: `begin`, then `event` for each event, then `end`. */
export class TranscriptFormatter {
  readonly #format: TranscriptFormat;
  readonly #m: Messages;
  #startedAt: Date | undefined;
  #timeline: TimelineRow[] = [];
  #typed = 0;
  #shown = 0;
  #sent = 0;
  #received = 0;
  /** A connection is up whose first line is not in the timeline yet. */
  #awaitingFirstLine = false;
  #ended = false;

  /** @param messages the session's catalogue (the active one unless told) */
  constructor(format: TranscriptFormat, messages: Messages = t()) {
    this.#format = format;
    this.#m = messages;
  }

  /** The separator (when appending) and the header, then the opening of the conversation. */
  begin(header: TranscriptHeader, existing?: ExistingTranscript): string {
    this.#startedAt = header.at;
    const md = this.#format === "markdown";
    const r = this.#m.record;
    const parts: string[] = [];
    if (existing?.fenceOpen) {
      parts.push(
        md ? `${FENCE}\n\n${r.cutShort}\n` : "",
      );
    }
    if (existing?.nonEmpty) parts.push(md ? "\n---\n\n" : `\n${"=".repeat(72)}\n\n`);
    const title = r.recorded(header.title, dateTime(header.at));
    const facts: [string, string | undefined][] = [
      [r.command, header.command],
      [r.localAddress, header.local],
      [r.peerAddress, header.peer],
      [r.version, header.version],
    ];
    // "Commande : …" in French: the label's colon follows the language's typography.
    const colon = this.#colon();
    if (md) {
      parts.push(`**${title}**\n\n`);
      for (const [name, value] of facts) {
        if (value !== undefined) {
          parts.push(`- ${name}${colon} \`${value.replaceAll("`", "'")}\`\n`);
        }
      }
      parts.push(`\n${FENCE}text\n`);
    } else {
      parts.push(`${title}\n`);
      for (const [name, value] of facts) {
        if (value !== undefined) parts.push(`${name}${colon} ${value}\n`);
      }
      parts.push("\n");
    }
    return parts.join("");
  }

  /** One line of the conversation (and a row of the timeline when it marks a phase). */
  event(event: TranscriptEvent): string {
    if (this.#ended) return "";
    // tp1 connect opens the file once connected, and dates the connection from before: the
    // recording's length counts from the earliest line, so no connection outlasts it.
    if (this.#startedAt !== undefined && event.at < this.#startedAt) this.#startedAt = event.at;
    const time = clockTimeMs(event.at);
    return this.#describe(event).map((line) => `${time}  ${line}\n`).join("");
  }

  /** Closes the conversation and adds the timeline table and the totals. */
  end(at: Date): string {
    if (this.#ended) return "";
    this.#ended = true;
    const duration = seconds(at.getTime() - (this.#startedAt ?? at).getTime(), this.#m);
    const total = this.#m.record.ended(
      duration,
      this.#typed,
      this.#shown,
      this.#sent,
      this.#received,
    );
    const rows = [...this.#timeline, { at, phase: "—", what: total }];
    if (this.#format === "markdown") {
      return [
        `${clockTimeMs(at)}  * ${total}\n${FENCE}\n\n`,
        `${this.#m.record.tableHeader}\n`,
        "| --- | --- | --- |\n",
        ...rows.map((r) => `| ${clockTimeMs(r.at)} | ${r.phase} | ${cell(r.what)} |\n`),
      ].join("");
    }
    const width = Math.max(...rows.map((r) => r.phase.length));
    return [
      `${clockTimeMs(at)}  * ${total}\n\n${this.#m.record.timeline}\n`,
      ...rows.map((r) => `  ${clockTimeMs(r.at)}  ${r.phase.padEnd(width)}  ${r.what}\n`),
    ].join("");
  }

  /** The event's line, or lines: a reply of several lines is written one line each. */
  #describe(event: TranscriptEvent): string[] {
    const r = this.#m.record;
    switch (event.type) {
      case "listening":
        this.#row(event.at, "— (LISTEN)", r.listening(event.address));
        return [`* ${r.listening(event.address)}`];
      case "connected": {
        const what = event.role === "client"
          ? r.connectedTo(event.local, event.peer)
          : r.accepted(event.peer, event.local);
        this.#row(event.at, r.phases.setup, r.handshakeDone(what));
        this.#awaitingFirstLine = true;
        return [`* ${what}`];
      }
      case "typed":
        this.#typed++;
        this.#firstLine(event.at, r.firstTyped(event.who));
        return [`${event.who}${this.#colon()} ${clean(event.text)}`];
      case "shown":
        this.#shown++;
        if (!event.text.startsWith("*")) this.#firstLine(event.at, r.firstReceived);
        return lines(event.text).map(clean);
      case "closed": {
        this.#sent += event.sent;
        this.#received += event.received;
        const summary = describeClose(event, this.#m);
        this.#row(event.at, r.phases.closing, r.closedWith(event.peer, summary));
        return [r.connectionClosed(event.peer, summary)];
      }
    }
  }

  /** `:` after a label, with French's no-break space before it in French. */
  #colon(): string {
    return this.#m.record.timeline.endsWith("\u00a0:") ? "\u00a0:" : ":";
  }

  #firstLine(at: Date, what: string): void {
    if (!this.#awaitingFirstLine) return;
    this.#awaitingFirstLine = false;
    this.#row(at, this.#m.record.phases.transfer, what);
  }

  #row(at: Date, phase: string, what: string): void {
    this.#timeline.push({ at, phase, what });
  }
}

/** `2026-12-01 22:05:13 (UTC+01:00)`. */
export function dateTime(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${
    clockTimeMs(at).slice(0, 8)
  } (UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)})`;
}

function two(n: number): string {
  return String(n).padStart(2, "0");
}

/** A shown text's lines: a reply of several lines (/who, /help) comes as one text. */
function lines(text: string): string[] {
  return text.replace(/\r?\n$/, "").split(/\r?\n/);
}

/** One line, whatever the peer sent: line breaks and controls shown escaped. */
function clean(text: string): string {
  return sanitizeForDisplay(text);
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}
