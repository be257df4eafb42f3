/**
 * How `tp1 connect` shows what a server sends. A plain server's lines read
 * "from server: …". Once the server shows itself to be a chat room — tp1's
 * welcome, or the "<announce>" lines of `ncat --chat` — its lines already say
 * who speaks (`<alice> salut`, `* bob joined`) and are shown as they are.
 * `ncat --chat` escapes every non-ASCII byte as `\ooo` (`caf\303\251`); those
 * escapes are turned back into the characters they stand for. Pure.
 */
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import { fixedStart, inEveryLanguage } from "../i18n/any_language.ts";

/**
 * The first line a `tp1 serve --chat` room sends a newcomer starts with one of
 * these: the room speaks the server's language, which may not be the client's.
 */
export const TP1_CHAT_WELCOMES = inEveryLanguage((m) => fixedStart(m.room.welcome));

const NCAT_ANNOUNCE = "<announce> ";
/** A tp1 room's answer to /quit, just before it closes the connection, in every language. */
const TP1_BYES = inEveryLanguage((m) => fixedStart(m.room.bye));

/** Decides, line after line, how the server's lines are shown. */
export class ServerLineStyle {
  #room: "none" | "tp1" | "ncat" = "none";
  #saidBye = false;

  /** Whether the server is a `tp1 serve --chat` room (its lines already say who speaks). */
  get inTp1Room(): boolean {
    return this.#room === "tp1";
  }

  /** Whether a tp1 room's last line said goodbye (after /quit): no need to say it closed. */
  get saidBye(): boolean {
    return this.#saidBye;
  }

  /** The line as the user should see it (already made safe for the terminal). */
  format(line: string): string {
    if (this.#room === "none") {
      if (TP1_CHAT_WELCOMES.some((welcome) => line.startsWith(welcome))) this.#room = "tp1";
      else if (line.startsWith(NCAT_ANNOUNCE)) this.#room = "ncat";
    }
    this.#saidBye = this.#room === "tp1" && TP1_BYES.some((bye) => line.startsWith(bye));
    switch (this.#room) {
      case "none":
        return `from server: ${sanitizeForDisplay(line)}`;
      case "tp1":
        return sanitizeForDisplay(line);
      case "ncat":
        return sanitizeForDisplay(decodeNcatEscapes(line));
    }
  }
}

const fatalDecoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Turns runs of `\ooo` escapes of bytes 0x80–0xFF back into the UTF-8
 * characters they encode; a run that is not valid UTF-8 is left as it is.
 */
export function decodeNcatEscapes(text: string): string {
  return text.replace(/(?:\\[23][0-7]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.slice(1).split("\\"), (octal) => parseInt(octal, 8));
    try {
      return fatalDecoder.decode(bytes);
    } catch {
      return run;
    }
  });
}
