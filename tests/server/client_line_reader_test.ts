import { assertEquals } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";
import { ScriptedSource } from "../_helpers/memory_ends.ts";
import { ChatLineFramer } from "../../src/room/chat_line_framer.ts";
import { readClientLines } from "../../src/server/client_line_reader.ts";
import { LARGE_READ, SMALL_READ } from "../../src/core/read_size.ts";

/** Lets the reader take what was pushed (a macrotask runs after every pending microtask). */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A client reader on an in-memory source, timed by a clock the test moves. */
function reader(beforeNextRead?: () => Promise<void>) {
  const source = new ScriptedSource();
  const clock = new ManualClock();
  const lines: string[] = [];
  const done = readClientLines(
    source,
    new ChatLineFramer(),
    (framed) => lines.push(...framed.map((line) => line.text)),
    beforeNextRead,
    { clock },
  );
  const send = async (text: string | Uint8Array) => {
    source.push(typeof text === "string" ? utf8(text) : text);
    await settle();
  };
  const wait = async (ms: number) => {
    clock.advance(ms);
    await settle();
  };
  return { source, clock, lines, done, send, wait };
}

Deno.test("readClientLines() keeps a line whole when its pieces arrive 300 ms apart from a peer that ends its lines", async () => {
  const client = reader();
  await client.send("bonjour\n");
  // A retransmission holds the rest of a long line back longer than the 40 ms idle flush.
  await client.send("une longue ");
  await client.wait(300);
  await client.send("ligne, ");
  await client.wait(300);
  await client.send("entière\n");
  client.source.end();
  assertEquals(await client.done, { kind: "closed" });
  assertEquals(client.lines, ["bonjour", "une longue ligne, entière"]);
});

Deno.test("readClientLines() never flushes after a full read, even from a newline-less peer", async () => {
  const client = reader();
  // Exactly the first read's buffer (2 KiB): more is surely on its way.
  await client.send("x".repeat(2048));
  await client.wait(500);
  assertEquals(client.lines, []);
  await client.send("y\n");
  client.source.end();
  await client.done;
  assertEquals(client.lines, ["x".repeat(2048) + "y"]);
});

Deno.test("readClientLines() still shows a partial line after a full read if nothing follows for long", async () => {
  const client = reader();
  await client.send("x".repeat(2048));
  await client.wait(999);
  assertEquals(client.lines, []);
  await client.wait(1);
  assertEquals(client.lines, ["x".repeat(2048)]);
  client.source.end();
  await client.done;
});

Deno.test("readClientLines() shows a newline-less peer's text after 40 ms (the lab's client.py)", async () => {
  const client = reader();
  await client.send("hello");
  await client.wait(39);
  assertEquals(client.lines, []);
  await client.wait(1);
  assertEquals(client.lines, ["hello"]);
  await client.wait(2000);
  await client.send("world");
  await client.wait(40);
  assertEquals(client.lines, ["hello", "world"]);
  client.source.end();
  await client.done;
  assertEquals(client.lines, ["hello", "world"]);
});

Deno.test("readClientLines() coalesces a peer sending one byte per 100 ms into a few lines (slowloris)", async () => {
  const client = reader();
  for (let i = 0; i < 30; i++) {
    await client.send("a");
    await client.wait(100);
  }
  await client.wait(1000);
  client.source.end();
  await client.done;
  assertEquals(client.lines.join(""), "a".repeat(30));
  // At most one partial line per 500 ms: 30 bytes over 3 s make 7 lines, not 30.
  assertEquals(client.lines.length <= 7, true, JSON.stringify(client.lines));
});

Deno.test("readClientLines() does not flush while the sender is held back, and counts its quiet time from its release", async () => {
  let release!: () => void;
  const held = new Promise<void>((resolve) => release = resolve);
  const client = reader(() => held);
  await client.send("first\npartial");
  assertEquals(client.lines, ["first"]);
  await client.wait(5000);
  assertEquals(client.lines, ["first"], "nothing flushed while held back");
  release();
  await client.wait(0);
  await client.wait(999);
  assertEquals(client.lines.length, 1);
  await client.wait(1);
  assertEquals(client.lines, ["first", "partial"]);
  client.source.end();
  await client.done;
});

Deno.test("readClientLines() relays a line that ends in a newline at once, with no flush timer armed", async () => {
  const client = reader();
  await client.send("salut\nça va ?\n");
  assertEquals(client.lines, ["salut", "ça va ?"]);
  assertEquals(client.clock.pending, 0, "nothing waits for the idle flush");
  client.source.end();
  assertEquals(await client.done, { kind: "closed" });
});

/** A source whose first read is already under way in a buffer of its own (a peeked connection). */
class PendingFirstSource extends ScriptedSource {
  readonly sizes: number[] = [];
  #pending: Promise<Uint8Array | null> | undefined;

  constructor(first: Promise<Uint8Array | null>) {
    super();
    this.#pending = first;
  }

  takePending(): Promise<Uint8Array | null> | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }

  override read(buffer: Uint8Array): Promise<number | null> {
    this.sizes.push(buffer.length);
    return super.read(buffer);
  }
}

Deno.test("readClientLines() takes a pending first read over, then reads into a small buffer of its own", async () => {
  let arrive!: (bytes: Uint8Array) => void;
  const source = new PendingFirstSource(new Promise((resolve) => arrive = resolve));
  const lines: string[] = [];
  const done = readClientLines(
    source,
    new ChatLineFramer(),
    (framed) => {
      lines.push(...framed.map((line) => line.text));
    },
    undefined,
    { clock: new ManualClock() },
  );
  await settle();
  assertEquals(source.reads, 0, "no read of its own while the first one is pending");
  const own = new Uint8Array(1024);
  own.set(utf8("salut\n"));
  arrive(own.subarray(0, 6));
  await settle();
  assertEquals(lines, ["salut"]);
  source.push(utf8("encore\n"));
  source.end();
  assertEquals(await done, { kind: "closed" });
  assertEquals(lines, ["salut", "encore"]);
  assertEquals(source.sizes[0], SMALL_READ);
});

Deno.test("readClientLines() counts a pending first read that filled its buffer as full: more is coming", async () => {
  let arrive!: (bytes: Uint8Array) => void;
  const source = new PendingFirstSource(new Promise((resolve) => arrive = resolve));
  const clock = new ManualClock();
  const lines: string[] = [];
  const done = readClientLines(
    source,
    new ChatLineFramer(),
    (framed) => {
      lines.push(...framed.map((line) => line.text));
    },
    undefined,
    { clock },
  );
  arrive(utf8("x".repeat(1024)));
  await settle();
  // A newline-less peer's partial line would show after 40 ms; a full read waits longer.
  clock.advance(500);
  await settle();
  assertEquals(lines, []);
  assertEquals(source.sizes, [LARGE_READ], "the next read is a large one");
  source.push(utf8("y\n"));
  source.end();
  await done;
  assertEquals(lines, ["x".repeat(1024) + "y"]);
});

Deno.test("readClientLines() ends at once for a peer that left while its first read was pending", async () => {
  const source = new PendingFirstSource(Promise.resolve(null));
  const lines: string[] = [];
  const done = readClientLines(source, new ChatLineFramer(), (framed) => {
    lines.push(...framed.map((line) => line.text));
  });
  assertEquals(await done, { kind: "closed" });
  assertEquals(source.reads, 0);
});
