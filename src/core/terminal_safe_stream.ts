/**
 * Peer bytes made safe for a terminal as they stream in (piped mode with a
 * terminal as standard output): line breaks and tabs stay as they are, CRLF
 * becomes a line break, and every other control character or escape sequence is
 * shown escaped (`\e[2J`) instead of being obeyed. UTF-8 split across chunks is
 * decoded whole. Pure.
 */
import { sanitizeForDisplay } from "./display_sanitizer.ts";

/** Turns a stream of peer bytes into text a terminal shows but never obeys. */
export class TerminalSafeStream {
  readonly #decoder = new TextDecoder();
  /** A CR at the end of the last chunk: a line break if LF comes next, else shown. */
  #pendingCr = false;

  /** The safe text for the next `bytes` of the stream. */
  push(bytes: Uint8Array): string {
    let text = this.#decoder.decode(bytes, { stream: true });
    if (this.#pendingCr) text = `\r${text}`;
    this.#pendingCr = text.endsWith("\r");
    if (this.#pendingCr) text = text.slice(0, -1);
    return text.replaceAll("\r\n", "\n").split("\n").map(sanitizeForDisplay).join("\n");
  }

  /** The safe text still held back at the end of the stream. */
  end(): string {
    const rest = this.#decoder.decode() + (this.#pendingCr ? "\r" : "");
    this.#pendingCr = false;
    return sanitizeForDisplay(rest);
  }
}
