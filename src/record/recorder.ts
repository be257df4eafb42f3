/**
 * A transcript being written: stamps each event with the clock, formats it and
 * appends it at once. The one object a session mode talks to; UDP, when it
 * lands, records through the same calls. A write that fails (disk full) stops
 * the recording with one warning, never the session.
 */
import { t } from "../i18n/catalogue.ts";
import type { TranscriptEvent, TranscriptHeader } from "./transcript_event.ts";
import { type ExistingTranscript, TranscriptFormatter } from "./transcript_formatter.ts";
import type { TranscriptFormat } from "./transcript_event.ts";

/** Where the text goes: a RecordFile, or an array in tests. */
export interface TranscriptSink {
  readonly format: TranscriptFormat;
  readonly existing?: ExistingTranscript;
  append(text: string): void;
  close?(): void;
}

/** An event as a caller gives it: the recorder adds the time. */
export type UnstampedEvent = TranscriptEvent extends infer E
  ? E extends TranscriptEvent ? Omit<E, "at"> : never
  : never;

/** Records one session into `sink`. */
export class Recorder {
  readonly #sink: TranscriptSink;
  readonly #formatter: TranscriptFormatter;
  readonly #now: () => Date;
  readonly #onError: (message: string) => void;
  #begun = false;
  #broken = false;

  constructor(
    sink: TranscriptSink,
    options: { now?: () => Date; onError?: (message: string) => void } = {},
  ) {
    this.#sink = sink;
    this.#formatter = new TranscriptFormatter(sink.format);
    this.#now = options.now ?? (() => new Date());
    this.#onError = options.onError ?? (() => {});
  }

  /** Writes the header; call once, when the addresses are known. */
  begin(header: Omit<TranscriptHeader, "at">): void {
    if (this.#begun) return;
    this.#begun = true;
    this.#write(this.#formatter.begin({ ...header, at: this.#now() }, this.#sink.existing));
  }

  /** Appends one event, stamped now (or `at`, when it happened a moment before). */
  record(event: UnstampedEvent, at?: Date): void {
    if (!this.#begun) return;
    this.#write(this.#formatter.event({ ...event, at: at ?? this.#now() } as TranscriptEvent));
  }

  /** Closes the conversation, writes the timeline, and closes the file. */
  end(): void {
    if (this.#begun) this.#write(this.#formatter.end(this.#now()));
    this.#begun = false;
    this.#sink.close?.();
  }

  #write(text: string): void {
    if (this.#broken || text === "") return;
    try {
      this.#sink.append(text);
    } catch (error) {
      this.#broken = true;
      this.#onError(t().record.stopped((error as Error).message));
    }
  }
}
