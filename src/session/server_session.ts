/**
 * The interactive server: accepts clients, feeds what happens to the room, and
 * carries out the room's decisions on the sockets and the operator's console.
 */
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import { delay } from "../core/delay.ts";
import type { Room } from "../room/room.ts";
import type { ClientId, LeaveReason, RoomAction, RoomEvent } from "../room/room_types.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import { LINGER_MS, PeerLink, type PeerLinkOptions } from "./peer_link.ts";

/** Options for {@linkcode runServerSession}. */
export interface ServerSessionOptions extends PeerLinkOptions {
  /** Stop after the first client leaves (the lab's original behaviour). */
  readonly once: boolean;
  /** Appended to every line sent to a client: LF, or CRLF with `--crlf`. */
  readonly lineEnding: string;
}

/** Serves until the operator ends the session (or, with `once`, the first client leaves). */
export async function runServerSession(
  listener: Deno.TcpListener,
  room: Room,
  console: ChatConsole,
  options: ServerSessionOptions,
): Promise<number> {
  const links = new Map<ClientId, PeerLink>();
  const departures = new Set<Promise<void>>();
  let nextId = 1;
  let firstClientGone: () => void = () => {};
  const onceDone = new Promise<void>((resolve) => firstClientGone = resolve);

  const dispatch = (event: RoomEvent): void => {
    for (const action of room.handle(event)) perform(action);
  };
  const perform = (action: RoomAction): void => {
    switch (action.type) {
      case "show":
        console.show(action.text);
        return;
      case "send": {
        const link = links.get(action.to);
        if (link && !link.send(action.text + options.lineEnding)) {
          disconnect(action.to, { kind: "too-slow" });
        }
        return;
      }
      case "disconnect":
        disconnect(action.id, action.reason);
        return;
    }
  };
  const disconnect = (id: ClientId, reason: LeaveReason): void => {
    const link = links.get(id);
    if (!link) return;
    links.delete(id);
    link.close();
    dispatch({ type: "leave", id, reason });
  };

  const serveClient = async (conn: Deno.TcpConn): Promise<void> => {
    const id = nextId++ as ClientId;
    const link = new PeerLink(conn, options);
    links.set(id, link);
    dispatch({
      type: "join",
      id,
      address: formatHostPort(fromNetAddr(conn.remoteAddr)),
      at: new Date(),
    });
    const end = await link.receive((text) => dispatch({ type: "line", id, text }));
    if (links.has(id)) {
      links.delete(id);
      await link.finishSending();
      link.close();
      dispatch({ type: "leave", id, reason: { kind: end } });
    }
    if (options.once) firstClientGone();
  };

  console.onLine((text) => dispatch({ type: "operator", text }));
  const accepting = (async () => {
    try {
      for await (const conn of listener) {
        if (options.once) listener.close();
        const departure = serveClient(conn);
        departures.add(departure);
        departure.finally(() => departures.delete(departure));
        if (options.once) return;
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.BadResource)) throw error;
    }
  })();

  await Promise.race([console.ended, onceDone]);
  try {
    listener.close();
  } catch {
    // Already closed by --once.
  }
  await accepting;
  // Everyone still connected gets what was sent to them and a clean end of
  // stream; their last lines may still arrive before the sockets are closed.
  await Promise.all([...links.values()].map((link) => link.finishSending()));
  await Promise.race([Promise.all(departures), delay(LINGER_MS)]);
  for (const link of links.values()) link.close();
  await Promise.all(departures);
  console.close();
  return 0;
}
