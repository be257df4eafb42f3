/**
 * One client's life on the interactive server, once it has passed the gate:
 * admitted or refused (the server is full), joined to the room, its lines read
 * into the room until it leaves or is sent away, then closed without losing its
 * last lines. One client's failure — a reset, a read error, a bug it triggers —
 * only ever ends that client.
 */
import { deadline } from "../io/deadline.ts";
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
import type { ClientId, LeaveReason } from "../room/room_types.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import { DEFAULT_IDLE_FLUSH_MS, readClientLines } from "./client_line_reader.ts";
import {
  DEFAULT_MAX_QUEUED_BYTES,
  LINGER_MS,
  PeerLink,
  type PeerLinkOptions,
} from "../streams/peer_link.ts";
import { withActivity } from "../io/activity_conn.ts";
import type { Clock } from "../io/clock.ts";
import { IdleWatch } from "../io/idle_watch.ts";
import { refuseConnection } from "../gate/refuse_connection.ts";
import { RoomDispatcher } from "./room_dispatcher.ts";
import { t } from "../i18n/catalogue.ts";

/** What shapes each client's life (the `serve` options that concern one client). */
export interface ClientLifecycleOptions {
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
  /** `--idle`: disconnect a client after this long without traffic either way. */
  readonly idleMs?: number;
  /** The clock behind `idleMs`: the real one unless a test steps time by hand. */
  readonly clock?: Clock;
  /** Told each time a served client is gone (`--once` stops then). */
  readonly onClientGone?: () => void;
}

/** Beyond this many refusals under way, a refused client is closed without lingering. */
const MAX_LINGERING_REFUSALS = 64;

/** The clients of one server run: each one's lifecycle, and closing them all at the end. */
export class ServedClients {
  /** Carries the room's decisions out on the clients' links and the operator's console. */
  readonly dispatcher: RoomDispatcher<PeerLink>;
  readonly #console: ChatConsole;
  readonly #options: ClientLifecycleOptions;
  readonly #policy: AdmissionPolicy;
  /** One options object for every client's link, rather than one each. */
  readonly #linkOptions: PeerLinkOptions;
  readonly #links = new Map<ClientId, PeerLink>();
  /** Each client's reading, which ends when the client closes (or we close the socket). */
  readonly #readings = new Map<ClientId, Promise<unknown>>();
  readonly #departures = new Set<Promise<void>>();
  #refusing = 0;
  #nextId = 1;

  constructor(room: Room, console: ChatConsole, options: ClientLifecycleOptions) {
    this.#console = console;
    this.#options = options;
    this.#policy = { maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS };
    this.#linkOptions = { maxQueuedBytes: options.maxQueuedBytes };
    this.dispatcher = new RoomDispatcher<PeerLink>(room, {
      show: (text) => console.show(text),
      close: (id, graceful) => this.#close(id, graceful),
    }, {
      lineEnding: options.lineEnding,
      highWaterBytes: Math.floor((options.maxQueuedBytes ?? DEFAULT_MAX_QUEUED_BYTES) / 2),
    });
  }

  /** Keeps `departure` (a client being served or closed) until it is over, for the end. */
  track(departure: Promise<void>): void {
    this.#departures.add(departure);
    // then(f, f), not finally(f): one callback per client, not finally's two wrappers besides.
    const forget = () => this.#departures.delete(departure);
    departure.then(forget, forget);
  }

  /**
   * One client's whole life, from admission to its socket's close; kept until it
   * is over, for the end (see {@linkcode track}). Not an async function: while
   * the client is silent, only the callback for its reading's end waits, not a
   * suspended frame of this method, nor a second callback to forget it.
   */
  serve(gated: Deno.TcpConn): Promise<void> {
    const options = this.#options;
    const dispatcher = this.dispatcher;
    const idle = options.idleMs === undefined
      ? undefined
      : new IdleWatch(options.idleMs, options.clock);
    const conn = idle ? withActivity(gated, () => idle.touch()) : gated;
    const address = formatHostPort(fromNetAddr(conn.remoteAddr));
    const admission = decideAdmission({ address, connected: dispatcher.count }, this.#policy);
    if (!admission.admitted) {
      this.#console.show(refusalLog(address, admission.reason, t().room));
      // Refusals linger a little so the line arrives; a storm of them is not let hold many sockets.
      this.#refusing++;
      const refusal = refuseConnection(conn, refusalLine(admission.reason, t().room), {
        lineEnding: options.lineEnding,
        lingerMs: this.#refusing > MAX_LINGERING_REFUSALS ? 0 : undefined,
      }).finally(() => this.#refusing--);
      this.track(refusal);
      return refusal;
    }
    const id = this.#nextId++ as ClientId;
    const link = new PeerLink(conn, this.#linkOptions);
    this.#links.set(id, link);
    idle?.expired.then(() => {
      const seconds = options.idleMs! / 1000;
      link.send(`${t().server.idleKick(seconds)}${options.lineEnding}`);
      if (dispatcher.leave(id, { kind: "idle", seconds })) {
        finishSendingSoon(link).then(() => link.close());
      }
    });
    let reading: Promise<LeaveReason>;
    try {
      dispatcher.join(id, link, address);
      reading = readClientLines(
        conn,
        new ChatLineFramer(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES),
        (lines) => dispatcher.dispatch({ type: "lines", id, lines }),
        // Backpressure: read no more from this client while someone lags behind.
        () => dispatcher.relieve(),
        options.idleFlushMs ?? DEFAULT_IDLE_FLUSH_MS,
      );
    } catch (error) {
      this.#failed(id, link, address, error);
      this.#gone(id, idle);
      return Promise.resolve();
    }
    this.#readings.set(id, reading);
    const served: Promise<void> = reading.then((end) =>
      this.#readingEnded(id, link, address, idle, end).finally(() =>
        this.#departures.delete(served)
      )
    );
    this.#departures.add(served);
    return served;
  }

  /** The client's input ended (or its socket was closed by us): it leaves, and is closed. */
  async #readingEnded(
    id: ClientId,
    link: PeerLink,
    address: string,
    idle: IdleWatch | undefined,
    end: LeaveReason,
  ): Promise<void> {
    try {
      // Still a member: the client ended it. Otherwise the room is closing it already.
      if (this.dispatcher.leave(id, end)) {
        if (end.kind === "closed") await finishSendingSoon(link);
        link.close();
      }
    } catch (error) {
      this.#failed(id, link, address, error);
    } finally {
      this.#gone(id, idle);
    }
  }

  /** A bug must not take the whole room down with it: this client alone is dropped. */
  #failed(id: ClientId, link: PeerLink, address: string, error: unknown): void {
    this.#console.show(t().server.internalError(address, describe(error)));
    this.dispatcher.leave(id, { kind: "error", message: t().server.internalErrorReason });
    link.close();
  }

  #gone(id: ClientId, idle: IdleWatch | undefined): void {
    idle?.stop();
    this.#links.delete(id);
    this.#readings.delete(id);
    this.#options.onClientGone?.();
  }

  /**
   * The end of the run: everyone still connected gets what was sent to them and
   * a clean end of stream; their last lines may still arrive before the sockets
   * are closed.
   */
  async closeAll(): Promise<void> {
    this.dispatcher.stop();
    await Promise.all([...this.#links.values()].map((link) => finishSendingSoon(link)));
    await deadline(Promise.all(this.#departures), LINGER_MS);
    for (const link of this.#links.values()) link.close();
    await Promise.all(this.#departures);
  }

  /** The room sends a client away: at once, or after its last lines (graceful). */
  #close(id: ClientId, graceful: boolean): void {
    const link = this.#links.get(id);
    if (!link) return;
    if (!graceful) {
      link.close();
      return;
    }
    this.track((async () => {
      // What was said (why it was kicked, "bye") goes out, then end of stream;
      // the socket is closed once the client closes its side too, because
      // closing with its last bytes unread would reset the connection and
      // could destroy our last line before it is read.
      await finishSendingSoon(link);
      await deadline(this.#readings.get(id) ?? Promise.resolve(), LINGER_MS);
      link.close();
    })());
  }
}

/** Sends what is queued and half-closes, giving up on a client that does not read. */
function finishSendingSoon(link: PeerLink): Promise<unknown> {
  return deadline(link.finishSending(), LINGER_MS);
}

/** An error as one line for the operator. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
