/**
 * Cuts decoded text into display lines: LF ends a line, a CR before it is dropped,
 * and no line grows past a bound, so memory stays bounded whatever a peer sends.
 * Pure: the caller decides when an idle partial line should be flushed.
 */

/** The default longest piece of a line shown at once, in UTF-16 code units. */
export const DEFAULT_MAX_LINE = 4096;

/** Streaming line framer: `push()` text in, complete lines out; `flush()` the partial rest. */
export class LineFramer {
  #pending = "";
  #partialShown = false;

  /** @param maxLine longer lines are returned in pieces of at most this length */
  constructor(readonly maxLine: number = DEFAULT_MAX_LINE) {
    if (!Number.isInteger(maxLine) || maxLine < 2) {
      throw new RangeError(`maxLine must be an integer of at least 2, got ${maxLine}`);
    }
  }

  /** Whether text is waiting for its end of line. */
  get hasPartial(): boolean {
    return this.#pending.length > 0;
  }

  /** Adds decoded text and returns every line (or bounded piece) it completes. */
  push(text: string): string[] {
    if (this.#partialShown) {
      // A line end that arrives right after an idle flush ends the line already shown,
      // even when its CR and LF come in separate chunks.
      const rest = this.#pending + text;
      if (rest === "" || rest === "\r") {
        this.#pending = rest;
        return [];
      }
      this.#pending = "";
      this.#partialShown = false;
      text = rest.startsWith("\r\n") ? rest.slice(2) : rest.startsWith("\n") ? rest.slice(1) : rest;
    }
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      const line = this.#pending + text.slice(start, end);
      this.#pending = "";
      this.#cutInto(lines, stripTrailingCr(line));
      start = end + 1;
    }
    this.#pending += text.slice(start);
    // A trailing CR may be half of a CRLF: cutting before it would show an empty piece.
    while (this.#pending.length > this.maxLine + (this.#pending.endsWith("\r") ? 1 : 0)) {
      const cut = safeCut(this.#pending, this.maxLine);
      lines.push(this.#pending.slice(0, cut));
      this.#pending = this.#pending.slice(cut);
    }
    return lines;
  }

  /** Returns the partial line waiting for its newline (if any) and forgets it. */
  flush(): string | undefined {
    if (this.#pending === "") return undefined;
    const partial = stripTrailingCr(this.#pending);
    this.#pending = "";
    // A lone CR after a shown partial is that line's ending, not a blank line.
    if (partial === "" && this.#partialShown) return undefined;
    this.#partialShown = true;
    return partial;
  }

  #cutInto(lines: string[], line: string): void {
    while (line.length > this.maxLine) {
      const cut = safeCut(line, this.maxLine);
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    lines.push(line);
  }
}

function stripTrailingCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/** Where to cut `text` near `at` without splitting a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}
