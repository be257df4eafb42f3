/**
 * Adapter: the file behind `--record FILE`. Created with mode 600 (a transcript
 * is a private conversation), appended to when it exists, and written with one
 * synchronous append per piece, so a killed tp1 leaves every line written so far.
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";
import { endsInsideFence, type ExistingTranscript } from "./transcript_formatter.ts";
import type { TranscriptFormat } from "./transcript_event.ts";

/** An open transcript file. */
export interface RecordFile {
  readonly path: string;
  readonly format: TranscriptFormat;
  /** What the file held before, so the formatter can separate and close what is there. */
  readonly existing: ExistingTranscript;
  /** Appends `text` at once (synchronously). */
  append(text: string): void;
  close(): void;
}

/** Markdown unless the name ends in .txt. */
export function formatForPath(path: string): TranscriptFormat {
  return /\.txt$/i.test(path) ? "text" : "markdown";
}

/** Opens `path` for appending (creating it, mode 600), or throws a one-sentence UserError. */
export function openRecordFile(path: string): RecordFile {
  let before = "";
  let existed = true;
  let wrote = false;
  let file: Deno.FsFile;
  try {
    if (Deno.statSync(path).isDirectory) {
      throw new UserError(
        `--record ${path}: that is a folder; give a file name, e.g. --record ${
          path.replace(/\/$/, "")
        }/transcript.md`,
      );
    }
    before = Deno.readTextFileSync(path);
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (!(error instanceof Deno.errors.NotFound)) throw openError(path, error);
    existed = false;
  }
  try {
    file = Deno.openSync(path, { append: true, create: true, mode: 0o600 });
  } catch (error) {
    throw openError(path, error);
  }
  const encoder = new TextEncoder();
  return {
    path,
    format: formatForPath(path),
    existing: { nonEmpty: before.trim() !== "", fenceOpen: endsInsideFence(before) },
    append(text) {
      wrote ||= text !== "";
      const bytes = encoder.encode(text);
      for (let written = 0; written < bytes.length;) {
        written += file.writeSync(bytes.subarray(written));
      }
    },
    close() {
      try {
        file.close();
        // A session that never started (the connection failed) leaves no empty file behind.
        if (!existed && !wrote) Deno.removeSync(path);
      } catch {
        // Already closed (or removed): nothing more to do.
      }
    },
  };
}

function openError(path: string, error: unknown): UserError {
  const why = error instanceof Deno.errors.NotFound
    ? t().record.noSuchFolder
    : error instanceof Deno.errors.PermissionDenied
    ? t().record.notPermitted
    : error instanceof Deno.errors.IsADirectory
    ? t().record.isAFolder
    : (error as Error).message;
  return new UserError(t().record.cannotWrite(path, why));
}
