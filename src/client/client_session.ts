/**
 * The interactive client: what the user types goes to the server, what the
 * server sends is shown above the prompt, and either side may end it.
 */
import { t } from "../i18n/catalogue.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import { LINGER_MS, type PeerLink } from "../streams/peer_link.ts";
import type { Clock } from "../io/clock.ts";
import { deadline } from "../io/deadline.ts";
import { IdleWatch } from "../io/idle_watch.ts";
import { ServerLineStyle } from "./chat_display.ts";
import { RequestedPassword } from "./requested_password.ts";

/** How long lines typed before leaving may take to reach a server that reads slowly. */
export const FLUSH_LIMIT_MS = 5000;

/** Options for {@linkcode runClientSession}. */
export interface ClientSessionOptions {
  /** Appended to every typed line: LF, or CRLF with `--crlf`. */
  readonly lineEnding: string;
  /** With `--idle`: end the session after this long without traffic either way. */
  readonly idleMs?: number;
  /** The clock behind `idleMs`: the real one unless a test steps time by hand. */
  readonly clock?: Clock;
}

/** Runs the chat until one side ends it; resolves to the exit code. */
export async function runClientSession(
  link: PeerLink,
  console: ChatConsole,
  { lineEnding, idleMs, clock }: ClientSessionOptions,
): Promise<number> {
  const idle = idleMs === undefined ? undefined : new IdleWatch(idleMs, clock);
  const style = new ServerLineStyle();
  console.onLine((line) => {
    idle?.touch();
    // "exit" is a message in the lab's protocol (server.py stops on it), not in a tp1 room.
    if (line.trim() === "exit" && style.inTp1Room) return;
    if (!link.send(line + lineEnding)) {
      console.show(t().client.lineNotSent);
    }
  });
  // A server's password request is answered with echo off, never typed in view (nor in history).
  const password = new RequestedPassword(link, console, lineEnding);
  const incoming = link.receive((line) => {
    idle?.touch();
    if (password.take(line)) return;
    console.show(style.format(line));
    password.shown(line);
  });
  const first = await Promise.race([
    incoming.then((end) => ({ side: "server", end } as const)),
    console.ended.then((end) => ({ side: "user", end } as const)),
    ...(idle ? [idle.expired.then(() => ({ side: "idle", end: "idle" } as const))] : []),
  ]);
  idle?.stop();

  if (first.side === "server") {
    // After /quit the room's "* bye, NAME" is the closing line: one is enough.
    if (first.end !== "closed") console.show(t().client.resetByServer);
    else if (!style.saidBye) console.show(t().client.serverClosed);
    console.close();
    link.close();
    return first.end === "closed" && !password.refused ? 0 : 1;
  }

  if (first.side === "idle") {
    console.show(t().client.idleClosing(idleMs! / 1000));
    console.close();
  }
  // The user left (or the idle limit passed): send what they typed, let the
  // server's last lines arrive, then go — but never wait for ever on a server
  // that has stopped reading.
  const flushed = await deadline(link.finishSending(), FLUSH_LIMIT_MS);
  if (flushed === "timeout") {
    link.close();
    await incoming.catch(() => undefined);
    console.show(t().client.serverStoppedReading(FLUSH_LIMIT_MS / 1000));
    return 1;
  }
  const lingering = await deadline(incoming, LINGER_MS);
  link.close();
  await incoming.catch(() => undefined);
  console.show(
    lingering === "reset"
      ? t().client.resetByServer
      : first.side === "idle"
      ? t().client.closed
      : t().client.youLeft,
  );
  return 0;
}
