/**
 * Cuts a client's bytes into the lines the room relays. Works on bytes, so the
 * cap (`--max-line`) is in bytes and a line is decoded once, whole, however the
 * TCP segments split it (even inside a UTF-8 character). A line longer than the
 * cap keeps its first bytes and the rest, up to its newline, is dropped; only
 * the cap's worth is ever held. Pure: the caller decides when a partial line has
 * waited long enough and calls `flush()`.
 *
 * A read of several whole lines of printable ASCII (a paste, a flood) comes out
 * as one plain run, the lines joined by LF, instead of one object per line: the
 * room can then relay them with a few native string operations, where one
 * object, one string and one check per line made a burst cost per line.
 */

/** The default `--max-line`: the longest line relayed, in bytes. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

/** A line of text, and whether (and where) it was cut; or, `plain`, a run of whole lines. */
export interface FramedLine {
  /** The line; when `plain`, one or more lines separated by LF (their CRs dropped). */
  readonly text: string;
  /** Set when the line was longer than this many bytes: `text` is its beginning. */
  readonly cutAt?: number;
  /**
   * Set when the text is printable ASCII only (and tabs), so it has nothing a
   * terminal would obey: showing it needs no escaping. Such a text may hold
   * several lines, none of them cut, separated by LF. A shortcut, never required.
   */
  readonly plain?: true;
}

const LF = 0x0a;
const CR = 0x0d;

/** After an idle flush, the line end that follows (if it comes next) ends the line already shown. */
type SkipState = "none" | "lf-or-crlf" | "lf";

/**
 * One decoder for every framer: it only ever decodes whole characters (never
 * in streaming mode), so it keeps no state between calls, and a room of
 * thousands of clients need not hold a decoder each.
 */
const DECODER = new TextDecoder("utf-8", { ignoreBOM: true });

/** No partial line: shared, and never written to (a line to keep gets a buffer of its own). */
const NOTHING_PENDING = new Uint8Array(0);

/** Streaming framer: `push()` bytes in, complete lines out. */
export class ChatLineFramer {
  readonly maxLineBytes: number;
  #pending: Uint8Array = NOTHING_PENDING;
  #pendingLength = 0;
  #discarding = false;
  #skip: SkipState = "none";

  /** @param maxLineBytes longer lines are cut to this many bytes */
  constructor(maxLineBytes: number = DEFAULT_MAX_LINE_BYTES) {
    if (!Number.isInteger(maxLineBytes) || maxLineBytes < 4) {
      throw new RangeError(`maxLineBytes must be an integer of at least 4, got ${maxLineBytes}`);
    }
    this.maxLineBytes = maxLineBytes;
  }

  /** Whether a partial line is waiting for its newline. */
  get hasPartial(): boolean {
    return this.#pendingLength > 0;
  }

  /** Takes the next bytes (the caller may reuse `bytes` afterwards) and returns the lines they end. */
  push(bytes: Uint8Array): FramedLine[] {
    const lines: FramedLine[] = [];
    let start = this.#skipLineEnd(bytes);
    while (start < bytes.length) {
      const lf = bytes.indexOf(LF, start);
      if (this.#discarding) {
        if (lf === -1) break;
        this.#discarding = false;
        start = lf + 1;
        continue;
      }
      if (lf === -1) {
        this.#keep(bytes.subarray(start), lines);
        break;
      }
      const segment = bytes.subarray(start, lf);
      if (this.#pendingLength === 0) {
        const last = bytes.lastIndexOf(LF);
        if (last > lf && last - start <= this.maxLineBytes) {
          // Every line up to the last LF is whole and within the cap: decode them at once.
          this.#decodeAll(bytes.subarray(start, last), lines);
          start = last + 1;
          continue;
        }
        lines.push(this.#decode(segment));
      } else if (this.#pendingLength + segment.length > this.maxLineBytes + 1) {
        lines.push(this.#cut(segment));
        this.#clear();
      } else {
        this.#append(segment);
        lines.push(this.#decode(this.#pending.subarray(0, this.#pendingLength)));
        this.#clear();
      }
      start = lf + 1;
    }
    return lines;
  }

  /**
   * Returns the partial line (when it has waited long enough for its newline);
   * an incomplete UTF-8 character at its end stays to be completed.
   */
  flush(): FramedLine | undefined {
    if (this.#pendingLength === 0) return undefined;
    const pending = this.#pending.subarray(0, this.#pendingLength);
    const complete = completeUtf8Length(pending);
    if (complete === 0) return undefined;
    const line = this.#decode(pending.subarray(0, complete));
    const rest = pending.slice(complete);
    this.#clear();
    if (rest.length > 0) {
      this.#append(rest);
    } else {
      this.#skip = pending[complete - 1] === CR ? "lf" : "lf-or-crlf";
    }
    return line.text === "" ? undefined : line;
  }

  /** At end of input: returns whatever is left as a last line. */
  end(): FramedLine | undefined {
    if (this.#pendingLength === 0) return undefined;
    const line = this.#decode(this.#pending.subarray(0, this.#pendingLength));
    this.#clear();
    return line.text === "" ? undefined : line;
  }

  /** Skips the CR/LF that ends a line already shown by an idle flush. */
  #skipLineEnd(bytes: Uint8Array): number {
    let at = 0;
    while (this.#skip !== "none" && at < bytes.length) {
      if (bytes[at] === LF) {
        at++;
        this.#skip = "none";
      } else if (bytes[at] === CR && this.#skip === "lf-or-crlf") {
        at++;
        this.#skip = "lf";
      } else {
        this.#skip = "none";
      }
    }
    return at;
  }

  /** Holds a partial line; once it cannot fit the cap, emits its beginning and drops the rest. */
  #keep(bytes: Uint8Array, lines: FramedLine[]): void {
    // One byte over the cap may be the CR of a CRLF that has not arrived yet.
    if (this.#pendingLength + bytes.length <= this.maxLineBytes + 1) {
      this.#append(bytes);
      return;
    }
    lines.push(this.#cut(bytes));
    this.#clear();
    this.#discarding = true;
  }

  /**
   * Decodes LF-separated lines, none longer than the cap, in one call (the fast
   * path): printable ASCII lines become one plain run, others one line each.
   */
  #decodeAll(bytes: Uint8Array, lines: FramedLine[]): void {
    const decoded = DECODER.decode(bytes);
    const run = plainRun(decoded);
    if (run !== undefined) {
      lines.push({ text: run, plain: true });
      return;
    }
    for (const text of decoded.split("\n")) lines.push({ text: withoutCr(text) });
  }

  /** Decodes a line's bytes (without its LF): drops a trailing CR, applies the cap. */
  #decode(bytes: Uint8Array): FramedLine {
    let end = bytes.length;
    // Telnet ends lines with CR LF, or CR NUL LF when its input is not a terminal.
    if (end > 1 && bytes[end - 1] === 0 && bytes[end - 2] === CR) end -= 2;
    else if (end > 0 && bytes[end - 1] === CR) end--;
    if (end <= this.maxLineBytes) return { text: DECODER.decode(bytes.subarray(0, end)) };
    return this.#capped(bytes);
  }

  /** The beginning of a line known to be longer than the cap: the pending bytes, then `more`. */
  #cut(more: Uint8Array): FramedLine {
    const head = new Uint8Array(this.maxLineBytes);
    const held = Math.min(this.#pendingLength, this.maxLineBytes);
    head.set(this.#pending.subarray(0, held));
    head.set(more.subarray(0, this.maxLineBytes - held), held);
    return this.#capped(head);
  }

  /** The first `maxLineBytes` of `bytes`, without splitting a character. */
  #capped(bytes: Uint8Array): FramedLine {
    const cut = completeUtf8Length(bytes.subarray(0, this.maxLineBytes));
    return { text: DECODER.decode(bytes.subarray(0, cut)), cutAt: this.maxLineBytes };
  }

  #append(bytes: Uint8Array): void {
    const needed = this.#pendingLength + bytes.length;
    if (needed > this.#pending.length) {
      const grown = new Uint8Array(Math.max(needed, Math.min(this.#pending.length * 2, 1 << 20)));
      grown.set(this.#pending.subarray(0, this.#pendingLength));
      this.#pending = grown;
    }
    this.#pending.set(bytes, this.#pendingLength);
    this.#pendingLength = needed;
  }

  #clear(): void {
    this.#pendingLength = 0;
    // A long line's buffer is not kept for a client that then goes quiet.
    if (this.#pending.length > 4096) this.#pending = NOTHING_PENDING;
  }
}

/**
 * Finds what makes LF-separated text not plain: anything but printable ASCII,
 * tabs and LF (a byte above 0x7f decodes to a character above U+007E). A
 * regular expression, not a loop over the bytes: V8 compiles it to native code
 * at once, where a byte loop runs interpreted through a server's first burst
 * (about 7 ms per 64 KiB read, before it is optimised).
 */
const NOT_PLAIN = /[^\t\n\x20-\x7e]/;

/**
 * `decoded` (whole lines, without the last one's LF) as a plain run: its CR LF
 * line ends made LF; undefined when a line holds anything a terminal would obey
 * (a CR that does not end a line among them), so each line is sanitised alone.
 */
export function plainRun(decoded: string): string | undefined {
  let run = decoded;
  if (run.includes("\r")) {
    run = run.replaceAll("\r\n", "\n");
    if (run.endsWith("\r")) run = run.slice(0, -1);
  }
  return NOT_PLAIN.test(run) ? undefined : run;
}

/** `text` without the CR (or telnet's CR NUL) that ended it. */
function withoutCr(text: string): string {
  if (text.endsWith("\r")) return text.slice(0, -1);
  return text.endsWith("\r\0") ? text.slice(0, -2) : text;
}

/** How many leading bytes of `bytes` hold complete UTF-8 characters (invalid bytes count as complete). */
export function completeUtf8Length(bytes: Uint8Array): number {
  const length = bytes.length;
  for (let back = 1; back <= 4 && back <= length; back++) {
    const byte = bytes[length - back];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const needed = byte >= 0xf0 && byte < 0xf8 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? length - back : length;
  }
  return length;
}
