/**
 * Carries out the room's decisions: feeds it events one at a time (an action
 * may cause more events, e.g. a slow client's eviction, queued rather than
 * nested), shows its lines on the operator's console, and sends its lines to
 * the clients. Consecutive lines for the same audience are joined and encoded
 * once, and the same bytes are shared by every recipient's queue, so a
 * broadcast costs one encoding however many clients there are.
 *
 * Fairness: after each read, a sender waits (`relieve()`) while some client's
 * queue is above the high-water mark, so a flood goes at the pace of the
 * slowest client that is still reading, and nobody who keeps up is dropped. A
 * client that accepts nothing for `stallMs` while its queue is high has stopped
 * reading: it is disconnected, and the room goes on. A queue that reaches its
 * bound (from lines nobody waits for, like the operator's) means the same.
 * Either way everyone else keeps receiving everything, in order.
 */
import { deadline } from "../io/deadline.ts";
import { type Room, sameAudience } from "../room/room.ts";
import type { Audience, ClientId, LeaveReason, RoomAction, RoomEvent } from "../room/room_types.ts";

/** Where a client's lines go: a bounded queue that refuses bytes when full. */
export interface ClientChannel {
  /** Queues `bytes` (shared, not copied); false when the queue is full or the peer gone. */
  sendBytes(bytes: Uint8Array): boolean;
  /** Whether sending failed because the peer is gone (rather than slow). */
  readonly broken: boolean;
  /** Bytes waiting to be sent. */
  readonly queuedBytes: number;
  /** How long the peer has accepted nothing while bytes wait for it. */
  readonly stalledMs: number;
  /** Resolves once at most `below` bytes wait, or nothing more can be sent. */
  drained(below: number): Promise<void>;
}

/** Options for a {@linkcode RoomDispatcher}. */
export interface DispatcherOptions {
  /** Appended to every line sent to a client (default LF). */
  readonly lineEnding?: string;
  /** Senders wait while a client has more than this many bytes queued. */
  readonly highWaterBytes?: number;
  /** A client with a high queue that accepts nothing for this long is disconnected. */
  readonly stallMs?: number;
}

/** The default high-water mark: half the default queue bound. */
export const DEFAULT_HIGH_WATER_BYTES = 512 * 1024;

/** The default time a client may accept nothing while senders wait for it. */
export const DEFAULT_STALL_MS = 1000;

/** What the dispatcher needs from the world around it. */
export interface DispatcherHooks {
  /** Shows lines on the operator's screen. */
  show(text: string): void;
  /**
   * Closes a client's connection: `graceful` after what is queued for it is
   * sent (a kick, /quit), otherwise at once (it stopped reading, or is gone).
   */
  close(id: ClientId, graceful: boolean): void;
}

interface PendingSend {
  readonly to: Audience;
  readonly lines: string[];
}

const encoder = new TextEncoder();

/** Runs a room over a set of client channels. */
export class RoomDispatcher<C extends ClientChannel = ClientChannel> {
  readonly #room: Room;
  readonly #hooks: DispatcherHooks;
  readonly #lineEnding: string;
  readonly #highWater: number;
  readonly #stallMs: number;
  readonly #channels = new Map<ClientId, C>();
  /** Clients whose queue went above the high-water mark. */
  readonly #congested = new Set<ClientId>();
  #events: RoomEvent[] = [];
  #draining = false;
  #sends: PendingSend[] = [];
  #shows: string[] = [];
  #stopping = false;

  constructor(room: Room, hooks: DispatcherHooks, options: DispatcherOptions = {}) {
    this.#room = room;
    this.#hooks = hooks;
    this.#lineEnding = options.lineEnding ?? "\n";
    this.#highWater = options.highWaterBytes ?? DEFAULT_HIGH_WATER_BYTES;
    this.#stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  }

  /** How many clients are in the room. */
  get count(): number {
    return this.#channels.size;
  }

  /** Whether client `id` is still in the room. */
  has(id: ClientId): boolean {
    return this.#channels.has(id);
  }

  /** A client connected: it joins the room. */
  join(id: ClientId, channel: C, address: string, at: Date = new Date()): void {
    this.#channels.set(id, channel);
    this.dispatch({ type: "join", id, address, at });
  }

  /**
   * A client's input ended: it leaves the room. Returns false when it had
   * already been removed (kicked, evicted), so its connection is being closed.
   */
  leave(id: ClientId, reason: LeaveReason): boolean {
    if (!this.#channels.delete(id)) return false;
    this.dispatch({ type: "leave", id, reason });
    return true;
  }

  /**
   * The server is stopping: everyone is told (in chat mode), then only the
   * clients' last lines are still shown; leaving is no longer announced.
   */
  stop(): void {
    this.dispatch({ type: "stopping" });
    this.#stopping = true;
  }

  /** Feeds events to the room and carries out everything they cause. */
  dispatch(...events: RoomEvent[]): void {
    if (this.#stopping) {
      events = events.filter((event) => event.type === "lines");
    }
    this.#events.push(...events);
    if (this.#draining) return;
    this.#draining = true;
    try {
      let next = 0;
      while (next < this.#events.length) {
        for (const action of this.#room.handle(this.#events[next++])) this.#perform(action);
        // Evictions while sending add leave events: the loop handles those too.
        if (next === this.#events.length) this.#flushSends();
      }
    } finally {
      this.#events = [];
      this.#draining = false;
      this.#flushShows();
    }
  }

  /**
   * Resolves when no client's queue is above the high-water mark: each one
   * either drains below it, or stops accepting bytes for `stallMs` and is
   * disconnected. A sender calls this before reading more.
   */
  async relieve(): Promise<void> {
    while (this.#congested.size > 0) {
      for (const id of [...this.#congested]) {
        const channel = this.#channels.get(id);
        if (!channel || channel.queuedBytes <= this.#highWater) {
          this.#congested.delete(id);
        } else if (channel.stalledMs >= this.#stallMs) {
          this.#congested.delete(id);
          this.#remove(id, { kind: "too-slow" }, false);
          this.dispatch();
        } else {
          await deadline(channel.drained(this.#highWater), this.#stallMs - channel.stalledMs);
        }
      }
    }
  }

  #perform(action: RoomAction): void {
    // Once stopping, connections are closing: only the clients' last lines are shown.
    if (this.#stopping && action.type !== "show") return;
    switch (action.type) {
      case "show":
        this.#shows.push(action.text);
        return;
      case "send": {
        const last = this.#sends[this.#sends.length - 1];
        if (last && sameAudience(last.to, action.to)) last.lines.push(action.text);
        else this.#sends.push({ to: action.to, lines: [action.text] });
        return;
      }
      case "disconnect":
        // What was said to the client before (why it is kicked) goes out first.
        this.#flushSends();
        this.#remove(action.id, action.reason, true);
        return;
    }
  }

  #flushSends(): void {
    const sends = this.#sends;
    this.#sends = [];
    for (const { to, lines } of sends) {
      let text = lines.join("\n") + "\n";
      if (this.#lineEnding !== "\n") text = text.replaceAll("\n", this.#lineEnding);
      const bytes = encoder.encode(text);
      if (to.kind === "one") {
        const channel = this.#channels.get(to.id);
        if (channel) this.#sendTo(to.id, channel, bytes);
        continue;
      }
      for (const [id, channel] of this.#channels) {
        if (id !== to.except) this.#sendTo(id, channel, bytes);
      }
    }
  }

  #sendTo(id: ClientId, channel: C, bytes: Uint8Array): void {
    if (!channel.sendBytes(bytes)) this.#evict(id, channel);
    else if (channel.queuedBytes > this.#highWater) this.#congested.add(id);
  }

  #evict(id: ClientId, channel: C): void {
    this.#remove(id, channel.broken ? { kind: "reset" } : { kind: "too-slow" }, false);
  }

  #remove(id: ClientId, reason: LeaveReason, graceful: boolean): void {
    if (!this.#channels.delete(id)) return;
    this.#congested.delete(id);
    this.#hooks.close(id, graceful);
    this.#events.push({ type: "leave", id, reason });
  }

  #flushShows(): void {
    if (this.#shows.length === 0) return;
    const text = this.#shows.join("\n");
    this.#shows = [];
    this.#hooks.show(text);
  }
}
