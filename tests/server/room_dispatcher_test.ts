import { Room } from "../../src/room/room.ts";
import type { ClientId } from "../../src/room/room_types.ts";
import {
  type ClientChannel,
  type DispatcherOptions,
  RoomDispatcher,
} from "../../src/server/room_dispatcher.ts";
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { withDeadline } from "../_helpers/deadline.ts";

const decoder = new TextDecoder();

/** A client's outgoing queue holding up to `capacity` bytes; the test drains it. */
class FakeChannel implements ClientChannel {
  readonly chunks: Uint8Array[] = [];
  queued = 0;
  broken = false;
  stalledMs = 0;
  #waiters: (() => void)[] = [];
  constructor(readonly capacity = Infinity) {}

  get queuedBytes(): number {
    return this.queued;
  }

  sendBytes(bytes: Uint8Array): boolean {
    if (this.broken || this.queued >= this.capacity) return false;
    this.chunks.push(bytes);
    this.queued += bytes.length;
    return true;
  }

  drained(below: number): Promise<void> {
    if (this.queued <= below) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Everything received so far, as lines. */
  lines(): string[] {
    return this.chunks.map((c) => decoder.decode(c)).join("").split("\n").slice(0, -1);
  }

  /** The client reads what is queued. */
  drain(): void {
    this.queued = 0;
    for (const wake of this.#waiters.splice(0)) wake();
  }
}

function setUp(mode: "chat" | "lab" = "chat", options: DispatcherOptions = {}) {
  const shown: string[] = [];
  const closed: string[] = [];
  const dispatcher = new RoomDispatcher<FakeChannel>(new Room({ mode }), {
    show: (text) => shown.push(...text.split("\n")),
    close: (id, graceful) => closed.push(`${id} ${graceful ? "gracefully" : "at once"}`),
  }, options);
  const channels: FakeChannel[] = [];
  const add = (capacity?: number) => {
    const channel = new FakeChannel(capacity);
    channels.push(channel);
    dispatcher.join(channels.length as ClientId, channel, `10.0.0.${channels.length}:4000`);
    return channel;
  };
  return { dispatcher, shown, closed, channels, add };
}

function say(dispatcher: RoomDispatcher<FakeChannel>, id: number, ...texts: string[]): void {
  dispatcher.dispatch(
    ...texts.map((text) => ({ type: "lines", id: id as ClientId, lines: [{ text }] }) as const),
  );
}

Deno.test("RoomDispatcher encodes a broadcast once and shares the bytes among recipients", () => {
  const { dispatcher, add } = setUp();
  const alice = add();
  const bob = add();
  const carol = add();
  for (const c of [alice, bob, carol]) c.chunks.length = 0;
  say(dispatcher, 1, "hello");
  assertEquals(bob.lines(), ["<user1> hello"]);
  assertEquals(carol.lines(), ["<user1> hello"]);
  assertEquals(bob.chunks[0] === carol.chunks[0], true, "the same bytes, not a copy each");
  assertEquals(alice.chunks, [], "the sender does not get its own line back");
});

Deno.test("RoomDispatcher joins consecutive lines for the same audience into one send", () => {
  const { dispatcher, add } = setUp();
  add();
  const bob = add();
  bob.chunks.length = 0;
  say(dispatcher, 1, "one", "two", "three");
  assertEquals(bob.chunks.length, 1);
  assertEquals(bob.lines(), ["<user1> one", "<user1> two", "<user1> three"]);
});

Deno.test("RoomDispatcher uses the line ending it was given", () => {
  const room = new Room({ mode: "lab" });
  const dispatcher = new RoomDispatcher(room, { show: () => {}, close: () => {} }, {
    lineEnding: "\r\n",
  });
  const channel = new FakeChannel();
  dispatcher.join(1 as ClientId, channel, "10.0.0.1:1");
  dispatcher.dispatch({ type: "operator", text: "hi" }, { type: "operator", text: "there" });
  assertEquals(decoder.decode(channel.chunks[0]), "hi\r\nthere\r\n");
});

Deno.test("RoomDispatcher disconnects a client whose queue is full and the others get every line in order", () => {
  const { dispatcher, add, shown, closed } = setUp();
  add();
  const stuck = add(2000); // stops reading: never drained
  const healthy = add();
  healthy.chunks.length = 0;
  for (let i = 0; i < 200; i++) {
    say(dispatcher, 1, `line ${i}`);
    healthy.drain();
  }
  assertEquals(closed, ["2 at once"]);
  assertEquals(dispatcher.has(2 as ClientId), false);
  assertIncludes(shown.join("\n"), "* user2 was disconnected (not reading fast enough)");
  const received = healthy.lines().filter((line) => line.startsWith("<user1>"));
  assertEquals(received, Array.from({ length: 200 }, (_, i) => `<user1> line ${i}`));
  assertIncludes(healthy.lines().join("\n"), "* user2 was disconnected (not reading fast enough)");
  assertEquals(stuck.queued < 2000 + 20, true, "the queue passed its bound by one line at most");
});

Deno.test("RoomDispatcher counts a client whose socket broke as reset, not slow", () => {
  const { dispatcher, add, shown } = setUp();
  add();
  const gone = add();
  gone.broken = true;
  say(dispatcher, 1, "anyone?");
  assertIncludes(shown.join("\n"), "* user2 left (connection reset)");
});

Deno.test("RoomDispatcher sends a kicked client its notice before closing it gracefully", () => {
  const { dispatcher, add, closed } = setUp();
  add();
  const troll = add();
  troll.chunks.length = 0;
  const order: string[] = [];
  const send = troll.sendBytes.bind(troll);
  troll.sendBytes = (bytes) => {
    order.push("send");
    return send(bytes);
  };
  dispatcher.dispatch({ type: "operator", text: "/kick user2 spam" });
  assertEquals(troll.lines(), ["* you were kicked by the server's operator: spam"]);
  assertEquals(closed, ["2 gracefully"]);
  assertEquals(order, ["send"]);
  assertEquals(dispatcher.leave(2 as ClientId, { kind: "closed" }), false, "already gone");
});

Deno.test("RoomDispatcher.leave() announces a client that left by itself once", () => {
  const { dispatcher, add, channels } = setUp();
  add();
  add();
  assertEquals(dispatcher.leave(1 as ClientId, { kind: "reset" }), true);
  assertEquals(dispatcher.leave(1 as ClientId, { kind: "reset" }), false);
  assertEquals(channels[1].lines().filter((l) => l.includes("left")), [
    "* user1 left (connection reset)",
  ]);
});

Deno.test("RoomDispatcher.stop() says goodbye, then only shows last lines", () => {
  const { dispatcher, add, shown } = setUp();
  add();
  const bob = add();
  dispatcher.stop();
  assertEquals(bob.lines().at(-1), "* the server is stopping: goodbye");
  const before = bob.chunks.length;
  say(dispatcher, 1, "last words");
  dispatcher.leave(1 as ClientId, { kind: "closed" });
  assertEquals(bob.chunks.length, before, "nothing more is sent");
  assertEquals(shown.at(-1), "<user1> last words");
});

Deno.test("RoomDispatcher shows one batch of lines per dispatch", () => {
  const calls: string[] = [];
  const dispatcher = new RoomDispatcher(new Room({ mode: "chat" }), {
    show: (text) => calls.push(text),
    close: () => {},
  });
  dispatcher.join(1 as ClientId, new FakeChannel(), "10.0.0.1:1");
  calls.length = 0;
  say(dispatcher as RoomDispatcher<FakeChannel>, 1, "a", "b");
  assertEquals(calls, ["<user1> a\n<user1> b"]);
});

Deno.test("RoomDispatcher.relieve() makes a sender wait until a lagging client catches up", async () => {
  const { dispatcher, add, closed } = setUp("chat", { highWaterBytes: 100, stallMs: 60_000 });
  const sender = add();
  const slow = add();
  sender.drain();
  slow.drain();
  say(dispatcher, 1, "x".repeat(200));
  let relieved = false;
  const waiting = dispatcher.relieve().then(() => relieved = true);
  await new Promise((resolve) => setTimeout(resolve, 20));
  assertEquals(relieved, false, "the sender waits while the client is behind");
  slow.drain();
  await withDeadline(waiting, "relieve() to return once the client caught up");
  assertEquals(closed, [], "a client that catches up stays");
});

Deno.test("RoomDispatcher.relieve() disconnects a lagging client that accepts nothing for stallMs", async () => {
  const { dispatcher, add, closed, shown } = setUp("chat", { highWaterBytes: 100, stallMs: 30 });
  const sender = add();
  const stuck = add();
  sender.drain();
  say(dispatcher, 1, "x".repeat(200));
  stuck.stalledMs = 10;
  const waiting = dispatcher.relieve();
  stuck.stalledMs = 40;
  // The dispatcher's own timers do not hold the process open; the deadline's does (a
  // server's listener would), and a relieve() that never returns fails instead of hanging.
  await withDeadline(waiting, "relieve() to disconnect the stuck client");
  assertEquals(closed, ["2 at once"]);
  assertIncludes(shown.join("\n"), "* user2 was disconnected (not reading fast enough)");
});

Deno.test("RoomDispatcher.relieve() returns at once when every queue is short", async () => {
  const { dispatcher, add } = setUp();
  add();
  add();
  say(dispatcher, 1, "hi");
  await withDeadline(dispatcher.relieve(), "relieve() to return with every queue short");
});
