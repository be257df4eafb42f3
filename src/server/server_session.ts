/**
 * The interactive server: accepts clients (or turns them away when the server
 * is full), reads each one's lines into the room, and carries out the room's
 * decisions on the sockets and the operator's console. One client's failure —
 * a reset, a read error, a bug it triggers — only ever ends that client.
 */
import { delay } from "../io/delay.ts";
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import {
  type AdmissionPolicy,
  decideAdmission,
  DEFAULT_MAX_CLIENTS,
  refusalLine,
  refusalLog,
} from "../room/admission.ts";
import { ChatLineFramer, DEFAULT_MAX_LINE_BYTES } from "../room/chat_line_framer.ts";
import type { Room } from "../room/room.ts";
import type { ClientId } from "../room/room_types.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import { DEFAULT_IDLE_FLUSH_MS, readClientLines } from "./client_line_reader.ts";
import { DEFAULT_MAX_QUEUED_BYTES, LINGER_MS, PeerLink } from "../streams/peer_link.ts";
import { withActivity } from "../io/activity_conn.ts";
import type { ConnectionGate } from "../gate/connection_gate.ts";
import type { Clock } from "../io/clock.ts";
import { IdleWatch } from "../io/idle_watch.ts";
import { refuseConnection } from "../gate/refuse_connection.ts";
import { RoomDispatcher } from "./room_dispatcher.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { PatientAcceptor } from "../net/accept_next.ts";

/** Options for {@linkcode runServerSession}. */
export interface ServerSessionOptions {
  /** Stop after the first client leaves (the lab's original behaviour). */
  readonly once: boolean;
  /** Appended to every line sent to a client: LF, or CRLF with `--crlf`. */
  readonly lineEnding: string;
  /** The most clients at once (`--max-clients`); others are refused with a line saying why. */
  readonly maxClients?: number;
  /** The longest line relayed, in bytes (`--max-line`); longer lines are cut. */
  readonly maxLineBytes?: number;
  /** Bytes waiting to be sent to one client before it counts as not reading. */
  readonly maxQueuedBytes?: number;
  /** How long a partial line waits for its newline. */
  readonly idleFlushMs?: number;
  /** TLS, address rules and password (`--tls`, `--allow`, `--password`…), when configured. */
  readonly gate?: ConnectionGate;
  /** `--idle`: disconnect a client after this long without traffic either way. */
  readonly idleMs?: number;
  /** The clock behind `idleMs`: the real one unless a test steps time by hand. */
  readonly clock?: Clock;
}

/** Beyond this many refusals under way, a refused client is closed without lingering. */
const MAX_LINGERING_REFUSALS = 64;

/** Serves until the operator ends the session (or, with `once`, the first client leaves). */
export async function runServerSession(
  listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>,
  room: Room,
  console: ChatConsole,
  options: ServerSessionOptions,
): Promise<number> {
  const policy: AdmissionPolicy = { maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS };
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const idleFlushMs = options.idleFlushMs ?? DEFAULT_IDLE_FLUSH_MS;
  const links = new Map<ClientId, PeerLink>();
  /** Each client's reading, which ends when the client closes (or we close the socket). */
  const readings = new Map<ClientId, Promise<unknown>>();
  const departures = new Set<Promise<void>>();
  let refusing = 0;
  let nextId = 1;
  let firstClientGone: () => void = () => {};
  const onceDone = new Promise<void>((resolve) => firstClientGone = resolve);

  const dispatcher = new RoomDispatcher<PeerLink>(room, {
    show: (text) => console.show(text),
    close: (id, graceful) => {
      const link = links.get(id);
      if (!link) return;
      if (!graceful) {
        link.close();
        return;
      }
      const closing = (async () => {
        // What was said (why it was kicked, "bye") goes out, then end of stream;
        // the socket is closed once the client closes its side too, because
        // closing with its last bytes unread would reset the connection and
        // could destroy our last line before it is read.
        await Promise.race([link.finishSending(), delay(LINGER_MS)]);
        await Promise.race([readings.get(id), delay(LINGER_MS)]);
        link.close();
      })();
      departures.add(closing);
      closing.finally(() => departures.delete(closing));
    },
  }, {
    lineEnding: options.lineEnding,
    highWaterBytes: Math.floor((options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES) / 2),
  });

  /** TLS, address rules and password; undefined when the newcomer was refused. */
  const admit = (tcp: Deno.TcpConn): Promise<Deno.TcpConn | undefined> =>
    options.gate ? options.gate.admit(tcp) : Promise.resolve(tcp);
  const track = (departure: Promise<void>): void => {
    departures.add(departure);
    departure.finally(() => departures.delete(departure));
  };

  const serveClient = async (gated: Deno.TcpConn): Promise<void> => {
    const idle = options.idleMs === undefined
      ? undefined
      : new IdleWatch(options.idleMs, options.clock);
    const conn = idle ? withActivity(gated, () => idle.touch()) : gated;
    const address = formatHostPort(fromNetAddr(conn.remoteAddr));
    const admission = decideAdmission({ address, connected: dispatcher.count }, policy);
    if (!admission.admitted) {
      console.show(refusalLog(address, admission.reason));
      // Refusals linger a little so the line arrives; a storm of them is not let hold many sockets.
      refusing++;
      await refuseConnection(conn, refusalLine(admission.reason), {
        lineEnding: options.lineEnding,
        lingerMs: refusing > MAX_LINGERING_REFUSALS ? 0 : undefined,
      }).finally(() => refusing--);
      return;
    }
    const id = nextId++ as ClientId;
    const link = new PeerLink(conn, { maxQueuedBytes: options.maxQueuedBytes });
    links.set(id, link);
    idle?.expired.then(() => {
      const seconds = options.idleMs! / 1000;
      link.send(`* no traffic for ${seconds} s: disconnecting you${options.lineEnding}`);
      if (dispatcher.leave(id, { kind: "idle", seconds })) {
        Promise.race([link.finishSending(), delay(LINGER_MS)]).then(() => link.close());
      }
    });
    try {
      dispatcher.join(id, link, address);
      const reading = readClientLines(
        conn,
        new ChatLineFramer(maxLineBytes),
        (lines) => dispatcher.dispatch({ type: "lines", id, lines }),
        // Backpressure: read no more from this client while someone lags behind.
        () => dispatcher.relieve(),
        idleFlushMs,
      );
      readings.set(id, reading);
      const end = await reading;
      // Still a member: the client ended it. Otherwise the room is closing it already.
      if (dispatcher.leave(id, end)) {
        if (end.kind === "closed") await Promise.race([link.finishSending(), delay(LINGER_MS)]);
        link.close();
      }
    } catch (error) {
      // A bug must not take the whole room down with it: this client alone is dropped.
      console.show(`* internal error while serving ${address}: ${describe(error)}`);
      dispatcher.leave(id, { kind: "error", message: "internal error" });
      link.close();
    } finally {
      idle?.stop();
      links.delete(id);
      readings.delete(id);
      if (options.once) firstClientGone();
    }
  };

  console.onLine((text) => dispatcher.dispatch({ type: "operator", text }));
  const accepting = (async () => {
    // Out of file descriptors, or the like: said once when it starts and once when it clears.
    const acceptor = new PatientAcceptor(listener, (line) => console.show(`* ${line}`));
    for (;;) {
      const conn = await acceptor.next();
      if (conn === undefined) return; // the listener was closed: we are stopping
      if (options.once) {
        // A refused newcomer does not use up --once: wait for one that gets in.
        const admitted = await admit(conn);
        if (admitted === undefined) continue;
        listener.close();
        track(serveClient(admitted));
        return;
      }
      track(admit(conn).then((admitted) => admitted && serveClient(admitted)));
    }
  })();

  await Promise.race([console.ended, onceDone]);
  const stillConnected = dispatcher.count;
  closeQuietly(listener);
  // Newcomers still at the gate (a password not typed yet) are not waited for.
  options.gate?.close();
  await accepting;
  // Everyone still connected gets what was sent to them and a clean end of
  // stream; their last lines may still arrive before the sockets are closed.
  dispatcher.stop();
  await Promise.all([...links.values()].map((link) => closeLinkSoon(link)));
  await Promise.race([Promise.all(departures), delay(LINGER_MS)]);
  for (const link of links.values()) link.close();
  await Promise.all(departures);
  console.show(stoppedLine(stillConnected));
  await console.close();
  return 0;
}

/** The server's last line on the operator's screen. */
export function stoppedLine(disconnected: number): string {
  return disconnected === 0
    ? "* server stopped"
    : `* server stopped: ${disconnected} client${disconnected === 1 ? "" : "s"} disconnected`;
}

/** Sends what is queued and half-closes, giving up on a client that does not read. */
async function closeLinkSoon(link: PeerLink): Promise<void> {
  await Promise.race([link.finishSending(), delay(LINGER_MS)]);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
