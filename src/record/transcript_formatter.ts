/**
 * Turns transcript events into the text appended to a `--record` file, one
 * piece at a time, so the file is readable at every moment: the conversation
 * goes inside a fenced block that `end()` closes, followed by a table of the
 * connection's timeline (its TCP phases). Every line of the block starts with a
 * timestamp, so no peer text can close the fence early. Pure: no clock, no file.
 */
import { clockTimeMs } from "../core/clock_text.ts";
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { describeClose, seconds } from "./close_summary.ts";
import { en } from "../i18n/messages_en.ts";
import type { TranscriptEvent, TranscriptFormat, TranscriptHeader } from "./transcript_event.ts";

const FENCE = "```";

/** The lab's names of a TCP connection's phases, in French, with English beside them. */
export const PHASES = {
  setup: "établissement (establishment)",
  transfer: "transfert (data transfer)",
  closing: "fermeture (closing)",
} as const;

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
  #startedAt: Date | undefined;
  #timeline: TimelineRow[] = [];
  #typed = 0;
  #shown = 0;
  #sent = 0;
  #received = 0;
  /** A connection is up whose first line is not in the timeline yet. */
  #awaitingFirstLine = false;
  #ended = false;

  constructor(format: TranscriptFormat) {
    this.#format = format;
  }

  /** The separator (when appending) and the header, then the opening of the conversation. */
  begin(header: TranscriptHeader, existing?: ExistingTranscript): string {
    this.#startedAt = header.at;
    const md = this.#format === "markdown";
    const parts: string[] = [];
    if (existing?.fenceOpen) {
      parts.push(
        md ? `${FENCE}\n\n*(recording cut short: tp1 was stopped before it could end it)*\n` : "",
      );
    }
    if (existing?.nonEmpty) parts.push(md ? "\n---\n\n" : `\n${"=".repeat(72)}\n\n`);
    const title = `${header.title} — recorded ${dateTime(header.at)}`;
    const facts: [string, string | undefined][] = [
      ["Command", header.command],
      ["Local address", header.local],
      ["Peer address", header.peer],
      ["tp1 version", header.version],
    ];
    if (md) {
      parts.push(`**${title}**\n\n`);
      for (const [name, value] of facts) {
        if (value !== undefined) parts.push(`- ${name}: \`${value.replaceAll("`", "'")}\`\n`);
      }
      parts.push(`\n${FENCE}text\n`);
    } else {
      parts.push(`${title}\n`);
      for (const [name, value] of facts) if (value !== undefined) parts.push(`${name}: ${value}\n`);
      parts.push("\n");
    }
    return parts.join("");
  }

  /** One line of the conversation (and a row of the timeline when it marks a phase). */
  event(event: TranscriptEvent): string {
    if (this.#ended) return "";
    return `${clockTimeMs(event.at)}  ${this.#describe(event)}\n`;
  }

  /** Closes the conversation and adds the timeline table and the totals. */
  end(at: Date): string {
    if (this.#ended) return "";
    this.#ended = true;
    const duration = seconds(at.getTime() - (this.#startedAt ?? at).getTime());
    const total = `recording ended after ${duration}: ${this.#typed} line${
      this.#typed === 1 ? "" : "s"
    } typed, ${this.#shown} shown; ${this.#sent} bytes sent, ${this.#received} received in all`;
    const rows = [...this.#timeline, { at, phase: "—", what: total }];
    if (this.#format === "markdown") {
      return [
        `${clockTimeMs(at)}  * ${total}\n${FENCE}\n\n`,
        "| Time | TCP phase | What happened |\n",
        "| --- | --- | --- |\n",
        ...rows.map((r) => `| ${clockTimeMs(r.at)} | ${r.phase} | ${cell(r.what)} |\n`),
      ].join("");
    }
    const width = Math.max(...rows.map((r) => r.phase.length));
    return [
      `${clockTimeMs(at)}  * ${total}\n\nTimeline:\n`,
      ...rows.map((r) => `  ${clockTimeMs(r.at)}  ${r.phase.padEnd(width)}  ${r.what}\n`),
    ].join("");
  }

  #describe(event: TranscriptEvent): string {
    switch (event.type) {
      case "listening":
        this.#row(event.at, "— (LISTEN)", `listening on ${event.address}`);
        return `* listening on ${event.address}`;
      case "connected": {
        const what = event.role === "client"
          ? `connected from ${event.local} to ${event.peer}`
          : `accepted ${event.peer} on ${event.local}`;
        this.#row(event.at, PHASES.setup, `${what} (three-way handshake done)`);
        this.#awaitingFirstLine = true;
        return `* ${what}`;
      }
      case "typed":
        this.#typed++;
        this.#firstLine(event.at, `first line, typed by the ${event.who}`);
        return `${event.who}: ${clean(event.text)}`;
      case "shown":
        this.#shown++;
        if (!event.text.startsWith("*")) this.#firstLine(event.at, "first line received");
        return clean(event.text);
      case "closed": {
        this.#sent += event.sent;
        this.#received += event.received;
        // Transcripts are not translated yet: their closing line stays English, like the rest.
        const summary = describeClose(event, en);
        this.#row(event.at, PHASES.closing, `with ${event.peer}: ${summary}`);
        return `* connection with ${event.peer} closed: ${summary}`;
      }
    }
  }

  #firstLine(at: Date, what: string): void {
    if (!this.#awaitingFirstLine) return;
    this.#awaitingFirstLine = false;
    this.#row(at, PHASES.transfer, what);
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

/** One line, whatever the peer sent: line breaks and controls shown escaped. */
function clean(text: string): string {
  return sanitizeForDisplay(text);
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|");
}
