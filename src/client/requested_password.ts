/**
 * A server that asks for its password at the start of an interactive session
 * (the user gave no --password): the request is answered at the prompt with
 * echo off, so the password never shows on the screen nor enters the history,
 * and the server's verdict is said in the client's language.
 */
import { t } from "../i18n/catalogue.ts";
import {
  isPasswordAccepted,
  isPasswordRejected,
  isPasswordRequest,
} from "../auth/password_protocol.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import type { PeerLink } from "../streams/peer_link.ts";

/** Watches the server's first lines for its password request and its verdict. */
export class RequestedPassword {
  readonly #link: PeerLink;
  readonly #console: ChatConsole;
  readonly #lineEnding: string;
  #state: "first-line" | "answering" | "done" = "first-line";
  #refused = false;
  #answered = false;

  constructor(link: PeerLink, console: ChatConsole, lineEnding: string) {
    this.#link = link;
    this.#console = console;
    this.#lineEnding = lineEnding;
  }

  /** Whether the server refused the password typed at its request. */
  get refused(): boolean {
    return this.#refused;
  }

  /**
   * After a server line shown as data: a password request that is not the first
   * line (a hostile or odd server, mid-session or again) is followed by a
   * warning, so that nobody types a password in view taking it for tp1's request.
   */
  shown(raw: string): void {
    if (!this.#console.askSecret || !isPasswordRequest(raw.replace(/\r$/, ""))) return;
    this.#console.show(t().client.latePasswordRequest);
  }

  /** Reads a line from the server; true when it was handled here and is not to be shown as data. */
  take(raw: string): boolean {
    if (this.#state === "done") return false;
    const line = raw.replace(/\r$/, "");
    if (this.#state === "first-line") {
      this.#state = "done";
      if (!this.#console.askSecret || !isPasswordRequest(line)) return false;
      this.#state = "answering";
      void this.#answer();
      return true;
    }
    // A verdict before the password was sent is no verdict (a hostile server's "accepted"
    // must not be said in tp1's voice); leaving at the prompt (Ctrl-C) refused nothing either.
    if (!this.#answered) return false;
    this.#state = "done";
    if (isPasswordAccepted(line)) {
      this.#console.show(`* ${t().client.passwordAccepted}`);
      return true;
    }
    this.#refused = isPasswordRejected(line);
    return false;
  }

  async #answer(): Promise<void> {
    this.#console.show(t().client.passwordAsked);
    const secret = await this.#console.askSecret!(t().terminal.passwordPrompt);
    if (secret === undefined) return;
    this.#answered = true;
    this.#link.send(secret + this.#lineEnding);
  }
}
