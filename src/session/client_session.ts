/**
 * The interactive client: what the user types goes to the server, what the
 * server sends is shown above the prompt, and either side may end it.
 */
import { sanitizeForDisplay } from "../core/display_sanitizer.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import { LINGER_MS, type PeerLink } from "./peer_link.ts";
import { delay } from "../core/delay.ts";

/** Options for {@linkcode runClientSession}. */
export interface ClientSessionOptions {
  /** Appended to every typed line: LF, or CRLF with `--crlf`. */
  readonly lineEnding: string;
}

/** Runs the chat until one side ends it; resolves to the exit code. */
export async function runClientSession(
  link: PeerLink,
  console: ChatConsole,
  { lineEnding }: ClientSessionOptions,
): Promise<number> {
  console.onLine((line) => {
    if (!link.send(line + lineEnding)) {
      console.show("* the connection is closed: that line was not sent");
    }
  });
  const incoming = link.receive((line) => console.show(`from server: ${sanitizeForDisplay(line)}`));
  const first = await Promise.race([
    incoming.then((end) => ({ side: "server", end } as const)),
    console.ended.then((end) => ({ side: "user", end } as const)),
  ]);

  if (first.side === "server") {
    console.show(
      first.end === "closed"
        ? "* the server closed the connection"
        : "* connection reset by the server",
    );
    console.close();
    link.close();
    return first.end === "closed" ? 0 : 1;
  }

  // The user left: send what they typed, let the server's last lines arrive, then go.
  await link.finishSending();
  const lingering = await Promise.race([incoming, delay(LINGER_MS)]);
  link.close();
  await incoming.catch(() => undefined);
  console.show(
    lingering === "reset"
      ? "* connection reset by the server"
      : "* you left; the connection is closed",
  );
  return 0;
}
