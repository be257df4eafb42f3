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

/** A scripted source that records the size of each read. */
class SizedSource extends ScriptedSource {
  readonly sizes: number[] = [];

  override read(buffer: Uint8Array): Promise<number | null> {
    this.sizes.push(buffer.length);
    return super.read(buffer);
  }
}

/** `count` lines of 40 bytes, newline included, numbered from `from`. */
function floodLines(count: number, from = 0): string[] {
  return Array.from(
    { length: count },
    (_, i) => `line ${String(from + i).padStart(7, "0")} `.padEnd(39, "x"),
  );
}

function flooding() {
  const source = new SizedSource();
  const batches: string[][] = [];
  const done = readClientLines(
    source,
    new ChatLineFramer(),
    (framed) => batches.push(framed.flatMap((line) => line.text.split("\n"))),
    undefined,
    { clock: new ManualClock() },
  );
  return { source, batches, done };
}

Deno.test("readClientLines() hands a flood's first small read to the room with the larger read after it when its bytes are there already", async () => {
  const client = flooding();
  const lines = floodLines(2000);
  // 80,000 bytes at once: the 2 KiB read comes back full, the 64 KiB read after it too.
  client.source.push(utf8(lines.map((line) => line + "\n").join("")));
  await settle();
  assertEquals(client.source.sizes.slice(0, 2), [SMALL_READ, LARGE_READ]);
  assertEquals(
    client.batches[0].length,
    Math.floor((SMALL_READ + LARGE_READ) / 40),
    "one batch for the first two reads",
  );
  client.source.end();
  assertEquals(await client.done, { kind: "closed" });
  assertEquals(client.batches.length, 2);
  assertEquals(client.batches.flat(), lines, "every line, in order");
});

Deno.test("readClientLines() hands a full small read's lines to the room at once when nothing more has arrived yet", async () => {
  const client = flooding();
  const first = floodLines(SMALL_READ / 32).map((line) => line.slice(0, 31));
  // Exactly the small read's size, whole lines: nothing else is waiting.
  client.source.push(utf8(first.map((line) => line + "\n").join("")));
  await settle();
  assertEquals(client.batches, [first]);
  client.source.push(utf8("encore\n"));
  await settle();
  assertEquals(client.batches, [first, ["encore"]]);
  client.source.end();
  assertEquals(await client.done, { kind: "closed" });
});

Deno.test("readClientLines() still hands on a full small read's lines when the end of input follows at once", async () => {
  const client = flooding();
  const first = floodLines(SMALL_READ / 32).map((line) => line.slice(0, 31));
  client.source.push(utf8(first.map((line) => line + "\n").join("")));
  client.source.end();
  assertEquals(await client.done, { kind: "closed" });
  assertEquals(client.batches, [first]);
});

Deno.test("readClientLines() hands on a full small read's lines before reporting a reset that follows at once", async () => {
  const client = flooding();
  const first = floodLines(SMALL_READ / 32).map((line) => line.slice(0, 31));
  client.source.push(utf8(first.map((line) => line + "\n").join("")));
  client.source.fail(new Deno.errors.ConnectionReset("reset"));
  assertEquals(await client.done, { kind: "reset" });
  assertEquals(client.batches, [first]);
});
