import { assertEquals } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { FakeConsole } from "../_helpers/fake_console.ts";
import { runClientSession } from "../../src/client/client_session.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";
import { RESET_NOTE, resetsAreVisible } from "../_helpers/reset_probe.ts";

const resetsVisible = await resetsAreVisible();

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A client session against a raw server socket the test drives. */
async function clientAgainstRawServer(lineEnding = "\n") {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const server = await listener.accept();
  listener.close();
  const console = new FakeConsole();
  const session = runClientSession(new PeerLink(conn), console, { lineEnding });
  return {
    console,
    session,
    server,
    /** The user leaves; the server reads to the client's half-close, then closes too. */
    async leave(): Promise<{ code: number; received: string }> {
      console.leave("eof");
      const received = text(await withDeadline(readToEnd(server), "the client's half-close"));
      server.close();
      return { code: await withDeadline(session, "the session to end"), received };
    },
    [Symbol.dispose]() {
      try {
        server.close();
      } catch {
        // The test closed it already.
      }
    },
  };
}

Deno.test("runClientSession() shows each server line after `from server: ` when lines arrive", async () => {
  using t = await clientAgainstRawServer();
  await t.server.write(utf8("hello\nwörld\r\n"));
  await t.console.waitForShown("from server: wörld");
  assertEquals(t.console.shown, ["from server: hello", "from server: wörld"]);
  assertEquals((await t.leave()).code, 0);
});

Deno.test("runClientSession() shows escape sequences escaped when the server sends them", async () => {
  using t = await clientAgainstRawServer();
  await t.server.write(utf8("\x1b[2J\x1b[31mred\x1b[0m\x07 \x1b]0;title\x07\n"));
  await t.console.waitForShown("from server: \\e[2J\\e[31mred\\e[0m\\a \\e]0;title\\a");
  for (const line of t.console.shown) assertEquals(line.includes("\x1b"), false, line);
  await t.leave();
});

Deno.test("runClientSession() shows a reply without newline when the server is the lab's server.py", async () => {
  using t = await clientAgainstRawServer();
  // server.py does conn.send(msg.encode()): no newline, then waits for the client.
  await t.server.write(utf8("hi from vm1"));
  await t.console.waitForShown("from server: hi from vm1");
  await t.leave();
});

Deno.test("runClientSession() says the server closed and exits 0 when the server closes", async () => {
  using t = await clientAgainstRawServer();
  await t.server.write(utf8("bye\n"));
  t.server.close();
  assertEquals(await withDeadline(t.session, "the session to end"), 0);
  assertEquals(t.console.shown, ["from server: bye", "* the server closed the connection"]);
  assertEquals(t.console.closed, true);
});

Deno.test({
  name:
    `runClientSession() says the connection was reset and exits 1 when the server resets it ${RESET_NOTE}`,
  ignore: !resetsVisible,
}, async () => {
  using t = await clientAgainstRawServer();
  t.console.type("unread by the server");
  // Reads one byte, so the line has arrived and the rest of it is left unread:
  // closing a socket with unread data makes the kernel answer with a reset (RST).
  await withDeadline(t.server.read(new Uint8Array(1)), "the line to arrive");
  t.server.close();
  assertEquals(await withDeadline(t.session, "the session to end"), 1);
  assertEquals(t.console.shown.at(-1), "* connection reset by the server");
});

Deno.test("runClientSession() delivers every typed line when the user leaves right after typing", async () => {
  using t = await clientAgainstRawServer();
  const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ${"x".repeat(100)}`);
  for (const line of lines) t.console.type(line);
  const { code, received } = await t.leave();
  assertEquals(received, lines.map((l) => l + "\n").join(""));
  assertEquals(code, 0);
  assertEquals(t.console.shown.at(-1), "* you left; the connection is closed");
});

Deno.test("runClientSession() still shows the server's last line when it answers the user's leaving", async () => {
  using t = await clientAgainstRawServer();
  t.console.type("exit");
  // The server sees end of stream, then says goodbye before closing.
  await withDeadline(readToEnd(t.server), "the client's half-close");
  await t.server.write(utf8("goodbye\n"));
  t.server.close();
  assertEquals(await withDeadline(t.session, "the session to end"), 0);
  assertEquals(t.console.shown, ["from server: goodbye", "* you left; the connection is closed"]);
});

Deno.test("runClientSession() ends typed lines with CRLF when --crlf is given", async () => {
  using t = await clientAgainstRawServer("\r\n");
  t.console.type("HELO lab");
  t.console.type("");
  assertEquals((await t.leave()).received, "HELO lab\r\n\r\n");
});

Deno.test("runClientSession() sends a typed line unchanged when it contains escapes and Unicode", async () => {
  using t = await clientAgainstRawServer();
  t.console.type("tab\there é 😀 \\e[31m");
  assertEquals((await t.leave()).received, "tab\there é 😀 \\e[31m\n");
});

Deno.test("runClientSession() says a line was not sent when the send queue is already full", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  using server = await listener.accept();
  listener.close();
  const console = new FakeConsole();
  const session = runClientSession(new PeerLink(conn, { maxQueuedBytes: 8 }), console, {
    lineEnding: "\n",
  });
  // Typed in the same instant: the first line still fills the 8-byte queue.
  console.type("this line fills the queue");
  assertEquals(console.shown, []);
  console.type("so this one is refused");
  assertEquals(console.shown, ["* the connection is closed: that line was not sent"]);
  console.leave("eof");
  assertEquals(
    text(await withDeadline(readToEnd(server), "the half-close")),
    "this line fills the queue\n",
  );
  server.close();
  await withDeadline(session, "the session to end");
});

Deno.test("runClientSession() sends exit before leaving when the server is a plain (lab) server", async () => {
  using t = await clientAgainstRawServer();
  t.console.type("exit");
  const received = text(await withDeadline(readToEnd(t.server), "the client's half-close"));
  t.server.close();
  assertEquals(received, "exit\n");
  assertEquals(await withDeadline(t.session, "the session to end"), 0);
});

Deno.test("runClientSession() leaves a tp1 room on exit without saying it to the room", async () => {
  using t = await clientAgainstRawServer();
  await t.server.write(utf8("* welcome to the tp1 chat room, user1!\n"));
  await t.console.waitForShown("* welcome to the tp1 chat room, user1!");
  t.console.type("exit");
  const received = text(await withDeadline(readToEnd(t.server), "the client's half-close"));
  t.server.close();
  assertEquals(received, "");
  assertEquals(await withDeadline(t.session, "the session to end"), 0);
});

Deno.test("runClientSession() shows one closing line when a tp1 room says bye after /quit", async () => {
  using t = await clientAgainstRawServer();
  await t.server.write(utf8("* welcome to the tp1 chat room, user1!\n"));
  t.console.type("/quit");
  await t.server.write(utf8("* bye, user1\n"));
  t.server.close();
  assertEquals(await withDeadline(t.session, "the session to end"), 0);
  assertEquals(t.console.shown, ["* welcome to the tp1 chat room, user1!", "* bye, user1"]);
});
