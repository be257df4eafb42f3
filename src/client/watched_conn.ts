/**
 * How a piped `tp1 connect` over plain TCP reads the server: a byte stream
 * watched for what the server's first words say (server_greeting.ts; the
 * interactive way, by lines, is watched_peer_link.ts): a TLS server ends the session at once with a
 * ServerVerdictError; a refused password is remembered, to exit 1 at the end.
 * server_greeting.ts (every language's catalogue) is imported when the server
 * first speaks, not at start-up: the first byte we send does not wait for it.
 */
import type { HostPort } from "../core/host_port.ts";
import type { HalfClosable } from "../io/byte_ends.ts";
import { concat } from "../io/concat.ts";
import type * as ServerGreeting from "./server_greeting.ts";

/** How far into the stream a password refusal is looked for: the exchange comes first. */
const GREETING_BYTES = 4096;

let greeting: Promise<typeof ServerGreeting> | undefined;

/** server_greeting.ts, imported once, when a server's first words are to be read. */
function loadGreeting(): Promise<typeof ServerGreeting> {
  return greeting ??= import("./server_greeting.ts");
}

/** Whether the server refused a password, as far as a watcher saw. */
export interface PasswordWatch {
  readonly passwordRefused: boolean;
}

/** `conn` for piped mode, read through the watch. */
export function watchedConn(
  conn: Deno.TcpConn,
  target: HostPort,
): HalfClosable & PasswordWatch & { close(): void } {
  let head: Uint8Array = new Uint8Array(0);
  let decided = false;
  let passwordRefused = false;
  const decoder = new TextDecoder();
  let text = "";
  /** Set once the first bytes arrived (give() and look() run only after that). */
  let words: typeof ServerGreeting;
  return {
    async read(buffer) {
      if (decided) return look(await conn.read(buffer), buffer);
      // Until the first bytes are told apart from the TLS hint, nothing is passed on.
      for (;;) {
        const n = await conn.read(buffer);
        if (n === null) {
          decided = true;
          return head.length > 0 ? give(buffer) : null;
        }
        words ??= await loadGreeting();
        head = concat([head, buffer.subarray(0, n)]);
        const answer = words.tlsAnswer(head);
        if (answer === "tls") {
          // The hint of a server that also asks for a password says so: the advice adds it.
          throw words.speaksTlsError(
            target,
            words.tlsHintAsksPassword(head) ? "--password" : undefined,
          );
        }
        if (answer === "not-tls") {
          decided = true;
          return give(buffer);
        }
      }
    },
    write: (bytes) => conn.write(bytes),
    closeWrite: () => conn.closeWrite(),
    close: () => conn.close(),
    get passwordRefused() {
      return passwordRefused;
    },
  };

  /** Hands the held-back first bytes to the caller, then reads on directly. */
  function give(buffer: Uint8Array): number {
    const n = Math.min(buffer.length, head.length);
    buffer.set(head.subarray(0, n));
    const given = head.subarray(0, n);
    head = head.subarray(n);
    scan(given);
    if (head.length > 0) decided = false;
    return n;
  }

  function look(n: number | null, buffer: Uint8Array): number | null {
    if (n !== null) scan(buffer.subarray(0, n));
    return n;
  }

  function scan(bytes: Uint8Array): void {
    if (text.length >= GREETING_BYTES) return;
    text += decoder.decode(bytes, { stream: true });
    passwordRefused ||= text.split("\n").some(words.isPasswordRefusal);
  }
}
