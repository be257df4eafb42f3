import { assertEquals, assertRejects } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { FakeConnection, ScriptedSource } from "../_helpers/memory_ends.ts";
import { InputPump } from "../../src/pipe/input_pump.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test("InputPump.sendTo() forwards every chunk in order and half-closes when input ends", async () => {
  const source = new ScriptedSource();
  for (const part of ["one ", "two ", "three"]) source.push(utf8(part));
  source.end();
  const pump = new InputPump(source);
  const conn = new FakeConnection();
  assertEquals(await pump.sendTo(conn), "input-ended");
  assertEquals(text(conn.outgoing.bytes), "one two three");
  assertEquals(conn.writeClosed, true);
  assertEquals(pump.sent, 13);
  assertEquals(pump.ended, true);
});

Deno.test("InputPump.sendTo() writes every byte when the connection takes only part of each write", async () => {
  const source = new ScriptedSource();
  source.push(utf8("a longer chunk of input"));
  source.end();
  const conn = new FakeConnection(3);
  await new InputPump(source).sendTo(conn);
  assertEquals(text(conn.outgoing.bytes), "a longer chunk of input");
});

Deno.test("InputPump.sendTo() reads in bounded chunks when the input is larger than its buffer", async () => {
  const source = new ScriptedSource();
  source.push(utf8("0123456789"));
  source.end();
  const conn = new FakeConnection();
  await new InputPump(source, 4).sendTo(conn);
  assertEquals(conn.outgoing.chunks.map(text), ["0123", "4567", "89"]);
});

Deno.test("InputPump.sendTo() hands the chunk read meanwhile to the next connection when detached", async () => {
  const source = new ScriptedSource();
  const pump = new InputPump(source);
  const first = new FakeConnection();
  const detach = new AbortController();
  const firstShare = pump.sendTo(first, detach.signal);
  source.push(utf8("a"));
  await waitFor(() => first.outgoing.bytes.length === 1, "the first chunk");
  // The pump is now blocked in a read; the first client goes away.
  detach.abort();
  assertEquals(await withDeadline(firstShare, "the detach"), "detached");
  assertEquals(first.writeClosed, false);

  source.push(utf8("b"));
  const second = new FakeConnection();
  const secondShare = pump.sendTo(second);
  source.push(utf8("c"));
  source.end();
  assertEquals(await withDeadline(secondShare, "the end of input"), "input-ended");
  assertEquals(text(first.outgoing.bytes), "a");
  assertEquals(text(second.outgoing.bytes), "bc");
  // The read that was pending at the detach was reused, not doubled: a, b, c, end.
  assertEquals(source.reads, 4);
  assertEquals(pump.sent, 3);
});

Deno.test("InputPump.sendTo() returns detached at once when the signal is already aborted", async () => {
  const source = new ScriptedSource();
  const pump = new InputPump(source);
  const conn = new FakeConnection();
  assertEquals(await pump.sendTo(conn, AbortSignal.abort()), "detached");
  source.push(utf8("kept"));
  source.end();
  const next = new FakeConnection();
  await pump.sendTo(next);
  assertEquals(text(conn.outgoing.bytes), "");
  assertEquals(text(next.outgoing.bytes), "kept");
});

Deno.test("InputPump.sendTo() keeps the chunk for the next connection when a write fails", async () => {
  const source = new ScriptedSource();
  source.push(utf8("precious"));
  source.end();
  const pump = new InputPump(source);
  const broken = new FakeConnection();
  broken.outgoing.failWith(new Deno.errors.BrokenPipe("peer went away"));
  await assertRejects(() => pump.sendTo(broken), Deno.errors.BrokenPipe);
  assertEquals(pump.ended, false);
  const next = new FakeConnection();
  assertEquals(await pump.sendTo(next), "input-ended");
  assertEquals(text(next.outgoing.bytes), "precious");
  assertEquals(pump.sent, 8);
});

Deno.test("InputPump.sendTo() only half-closes a later connection when the input has already ended", async () => {
  const source = new ScriptedSource();
  source.push(utf8("x"));
  source.end();
  const pump = new InputPump(source);
  await pump.sendTo(new FakeConnection());
  const late = new FakeConnection();
  assertEquals(await pump.sendTo(late), "input-ended");
  assertEquals(late.outgoing.bytes.length, 0);
  assertEquals(late.writeClosed, true);
});

Deno.test("InputPump.sendTo() rejects when reading the input fails", async () => {
  const source = new ScriptedSource();
  source.fail(new Deno.errors.Interrupted("read interrupted"));
  await assertRejects(
    () => new InputPump(source).sendTo(new FakeConnection()),
    Deno.errors.Interrupted,
  );
});

Deno.test("InputPump.alreadySent() counts the head start's chunk as sent, never sends it again, and reads on only once it is in", async () => {
  const source = new ScriptedSource();
  const pump = new InputPump(source);
  let delivered!: (n: number) => void;
  pump.alreadySent(new Promise<number>((resolve) => delivered = resolve));
  const conn = new FakeConnection();
  const share = pump.sendTo(conn);
  source.push(utf8("second"));
  await new Promise((resolve) => setTimeout(resolve, 0));
  assertEquals(source.reads, 0, "nothing is read before the first chunk is sent");
  delivered(5);
  source.end();
  assertEquals(await withDeadline(share, "the end of input"), "input-ended");
  assertEquals(text(conn.outgoing.bytes), "second");
  assertEquals(pump.sent, 11);
});

Deno.test("InputPump.alreadySent() with the input at its end then half-closes at once, reading nothing", async () => {
  const source = new ScriptedSource();
  source.push(utf8("never read"));
  const pump = new InputPump(source);
  pump.alreadySent(Promise.resolve(null));
  const conn = new FakeConnection();
  assertEquals(await pump.sendTo(conn), "input-ended");
  assertEquals(conn.outgoing.bytes.length, 0);
  assertEquals(source.reads, 0);
  assertEquals(conn.writeClosed, true);
});

Deno.test("InputPump.sendTo() throws the head start's failed write, as its own", async () => {
  const pump = new InputPump(new ScriptedSource());
  pump.alreadySent(Promise.reject(new Deno.errors.ConnectionReset("reset by peer")));
  await assertRejects(() => pump.sendTo(new FakeConnection()), Deno.errors.ConnectionReset);
});
