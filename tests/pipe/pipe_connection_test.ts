import { setLanguage } from "../../src/i18n/catalogue.ts";
import { assertEquals, assertRejects } from "../_helpers/assert.ts";
import { randomBytes, readToEnd, sha256Hex, utf8 } from "../_helpers/bytes.ts";
import { concat } from "../../src/io/concat.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { FakeConnection, RecordingSink, ScriptedSource } from "../_helpers/memory_ends.ts";
import { UserError } from "../../src/errors.ts";
import { InputPump } from "../../src/pipe/input_pump.ts";
import { pipeConnection } from "../../src/pipe/pipe_connection.ts";
import { writeAll } from "../../src/io/byte_ends.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function endsOf(source: ScriptedSource, inputIsTerminal = false) {
  return { input: new InputPump(source), output: new RecordingSink(), inputIsTerminal };
}

/** Ends of a server (`send-waiting`) whose input counts as silent after `graceMs`. */
function serverEndsOf(source: ScriptedSource, graceMs = 10) {
  return {
    input: new InputPump(source, undefined, graceMs),
    output: new RecordingSink(),
    inputIsTerminal: false,
    afterPeerEnds: "send-waiting" as const,
  };
}

// --- With in-memory ends ---

Deno.test("pipeConnection() still delivers a late reply when the input ended first", async () => {
  const source = new ScriptedSource();
  const ends = endsOf(source);
  const conn = new FakeConnection();
  const piping = pipeConnection(conn, ends);
  source.push(utf8("GET / HTTP/1.0\r\n\r\n"));
  source.end();
  await waitFor(() => conn.writeClosed, "the half-close");
  // Like an HTTP server: it answers only once the request is complete.
  conn.incoming.push(utf8("HTTP/1.0 200 OK\r\n\r\nhello"));
  conn.incoming.end();
  assertEquals(await withDeadline(piping, "the end of the exchange"), {
    received: 24,
    sent: 18,
    idle: false,
  });
  assertEquals(text(ends.output.bytes), "HTTP/1.0 200 OK\r\n\r\nhello");
  assertEquals(text(conn.outgoing.bytes), "GET / HTTP/1.0\r\n\r\n");
});

Deno.test("pipeConnection() sends all of a piped input when the peer finishes sending first", async () => {
  const source = new ScriptedSource();
  const ends = endsOf(source);
  const conn = new FakeConnection();
  const piping = pipeConnection(conn, ends);
  conn.incoming.push(utf8("welcome\n"));
  conn.incoming.end();
  await waitFor(() => ends.output.bytes.length === 8, "the welcome");
  source.push(utf8("file contents"));
  source.end();
  assertEquals(await withDeadline(piping, "the end"), { received: 8, sent: 13, idle: false });
  assertEquals(text(conn.outgoing.bytes), "file contents");
  assertEquals(conn.writeClosed, true);
});

Deno.test("pipeConnection() stops when the peer closes and the input is a terminal", async () => {
  const source = new ScriptedSource();
  const ends = endsOf(source, true);
  const conn = new FakeConnection();
  const piping = pipeConnection(conn, ends);
  conn.incoming.push(utf8("bye\n"));
  conn.incoming.end();
  // Nobody will type Ctrl-D for us: the session ends without waiting for input.
  assertEquals(await withDeadline(piping, "the end"), { received: 4, sent: 0, idle: false });
  source.end();
});

Deno.test("pipeConnection() with send-waiting lets the peer go once it has finished and nothing is waiting", async () => {
  const source = new ScriptedSource();
  const ends = serverEndsOf(source);
  const conn = new FakeConnection();
  const piping = pipeConnection(conn, ends);
  conn.incoming.push(utf8("hi\n"));
  conn.incoming.end();
  // Like `sleep 20 | tp1 serve`: the input stays open and silent, the client is let go.
  assertEquals(await withDeadline(piping, "the end"), { received: 3, sent: 0, idle: false });
  // What comes later is for the next client, whole.
  source.push(utf8("later"));
  source.end();
  const next = new FakeConnection();
  const nextPiping = pipeConnection(next, ends);
  next.incoming.end();
  assertEquals(await withDeadline(nextPiping, "the next end"), {
    received: 0,
    sent: 5,
    idle: false,
  });
  assertEquals(text(next.outgoing.bytes), "later");
});

Deno.test("pipeConnection() with send-waiting still sends what is waiting when the peer finishes", async () => {
  const source = new ScriptedSource();
  const ends = serverEndsOf(source);
  const conn = new FakeConnection();
  const piping = pipeConnection(conn, ends);
  conn.incoming.end();
  source.push(utf8("already "));
  source.push(utf8("waiting"));
  assertEquals(await withDeadline(piping, "the end"), { received: 0, sent: 15, idle: false });
  assertEquals(text(conn.outgoing.bytes), "already waiting");
});

Deno.test("pipeConnection() with send-waiting does not cut a stream that is still flowing", async () => {
  // A source that cannot tell whether bytes are waiting (no poll), but whose reads keep
  // completing: a producer writing steadily, like `cat big.iso | tp1 serve`.
  const source = new ScriptedSource();
  const blind = { read: (buffer: Uint8Array) => source.read(buffer) };
  const ends = {
    input: new InputPump(blind, 16, 1000),
    output: new RecordingSink(),
    inputIsTerminal: false,
    afterPeerEnds: "send-waiting" as const,
  };
  const conn = new FakeConnection();
  const piping = pipeConnection(conn, ends);
  conn.incoming.end();
  const chunks = 200;
  (async () => {
    for (let i = 0; i < chunks; i++) {
      source.push(utf8(`chunk ${i}\n`));
      await Promise.resolve();
    }
    source.end();
  })();
  const totals = await withDeadline(piping, "the end");
  assertEquals(text(conn.outgoing.bytes).split("\n").length - 1, chunks);
  assertEquals(totals.sent, conn.outgoing.bytes.length);
});

Deno.test("pipeConnection() throws a UserError with the byte count when the peer resets", async () => {
  const source = new ScriptedSource();
  const ends = endsOf(source);
  const conn = new FakeConnection();
  conn.incoming.push(utf8("12345"));
  conn.incoming.fail(new Deno.errors.ConnectionReset("reset"));
  await assertRejects(
    () => pipeConnection(conn, ends),
    UserError,
    "connection reset by peer after 5 bytes were received",
  );
  source.end();
});

Deno.test("pipeConnection() throws a UserError when the peer is gone before all input was sent", async () => {
  const source = new ScriptedSource();
  const ends = endsOf(source);
  const conn = new FakeConnection();
  conn.outgoing.failWith(new Deno.errors.BrokenPipe("broken pipe"));
  conn.incoming.end();
  source.push(utf8("unsent"));
  await assertRejects(
    () => pipeConnection(conn, ends),
    UserError,
    "the peer closed the connection before all of standard input was sent",
  );
});

Deno.test("pipeConnection() says a reset in French when tp1 speaks French", async () => {
  const source = new ScriptedSource();
  const ends = endsOf(source);
  const conn = new FakeConnection();
  conn.incoming.push(utf8("1"));
  conn.incoming.fail(new Deno.errors.ConnectionReset("reset"));
  setLanguage("fr");
  try {
    await assertRejects(
      () => pipeConnection(conn, ends),
      UserError,
      "connexion réinitialisée par l'autre côté après 1 octet reçu",
    );
  } finally {
    setLanguage("en");
    source.end();
  }
});

Deno.test("pipeConnection() stops quietly when the reader of its output goes away", async () => {
  const source = new ScriptedSource();
  source.end();
  const ends = endsOf(source);
  ends.output.failWith(new Deno.errors.BrokenPipe("| head exited"));
  const conn = new FakeConnection();
  conn.incoming.push(utf8("more than head wants"));
  assertEquals(await withDeadline(pipeConnection(conn, ends), "the end"), {
    received: 0,
    sent: 0,
    idle: false,
  });
});

// --- Over loopback TCP ---

Deno.test("pipeConnection() gets the server's late reply over TCP when it half-closes after its input", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const server = (async () => {
    using conn = await listener.accept();
    // Reads the whole request (to end of stream), then answers and closes.
    const request = await readToEnd(conn);
    await conn.write(utf8(`got ${request.length} bytes\n`));
    return text(request);
  })();
  const source = new ScriptedSource();
  const ends = endsOf(source);
  using conn = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const piping = pipeConnection(conn, ends);
  source.push(utf8("request body"));
  source.end();
  assertEquals(await withDeadline(piping, "the reply"), { received: 13, sent: 12, idle: false });
  assertEquals(text(ends.output.bytes), "got 12 bytes\n");
  assertEquals(await server, "request body");
});

Deno.test("pipeConnection() moves 4 MiB each way unchanged over TCP when both sides send at once", async () => {
  const up = randomBytes(4 * 1024 * 1024);
  const down = randomBytes(4 * 1024 * 1024);
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const server = (async () => {
    using conn = await listener.accept();
    const receiving = readToEnd(conn);
    await writeAll(conn, down);
    await conn.closeWrite();
    return await receiving;
  })();
  const source = new ScriptedSource();
  for (let at = 0; at < up.length; at += 100_000) source.push(up.subarray(at, at + 100_000));
  source.end();
  const ends = endsOf(source);
  using conn = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const totals = await withDeadline(pipeConnection(conn, ends), "8 MiB to cross");
  assertEquals(totals, { received: down.length, sent: up.length, idle: false });
  assertEquals(await sha256Hex(ends.output.bytes), await sha256Hex(down));
  assertEquals(await sha256Hex(await server), await sha256Hex(up));
});

Deno.test("pipeConnection() hands input to the next client without loss or duplicates when one leaves (serve -k)", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const chunks = Array.from({ length: 64 }, (_, i) => utf8(`chunk ${i}\n`.padEnd(1024, ".")));
  const source = new ScriptedSource();
  // A terminal as input: a client leaving detaches it from the input, like serve -k.
  const ends = endsOf(source, true);
  const serving = (async () => {
    for (let i = 0; i < 2; i++) {
      using conn = await listener.accept();
      await pipeConnection(conn, ends);
    }
  })();

  using first = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  for (let i = 0; i < 20; i++) source.push(chunks[i]);
  let left = false;
  const firstGot = await withDeadline(
    readToEnd(first, async (_, total) => {
      // Leaves after 10 KiB with a half-close, so it still reads what was already sent.
      if (total >= 10 * 1024 && !left) {
        left = true;
        await first.closeWrite();
      }
    }),
    "the first client's share",
  );

  using second = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const secondReading = readToEnd(second);
  for (let i = 20; i < chunks.length; i++) source.push(chunks[i]);
  source.end();
  const secondGot = await withDeadline(secondReading, "the second client's share");
  await second.closeWrite();
  await withDeadline(serving, "the server to finish");

  assertEquals(text(concat([firstGot, secondGot])), text(concat(chunks)));
  assertEquals(firstGot.length >= 10 * 1024, true, "the first client got its share");
  assertEquals(secondGot.length > 0, true, "the second client got the rest");
});

Deno.test("pipeConnection() closes the connection and says so when --idle passes without traffic", async () => {
  const conn = new FakeConnection();
  const ends = {
    input: new InputPump(new ScriptedSource()),
    output: new RecordingSink(),
    inputIsTerminal: true,
  };
  const totals = await withDeadline(pipeConnection(conn, ends, 50), "the idle limit");
  assertEquals(totals.idle, true);
  assertEquals(conn.closed, true);
});
