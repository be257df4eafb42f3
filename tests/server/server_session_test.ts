import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { FakeConsole } from "../_helpers/fake_console.ts";
import { Room } from "../../src/room/room.ts";
import { runServerSession } from "../../src/server/server_session.ts";
import { openGate } from "../_helpers/chat_client.ts";

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** A lab-mode server session on a loopback port, with an in-memory console. */
function startServer(options: { once?: boolean; lineEnding?: string } = {}) {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  const console = new FakeConsole();
  const session = runServerSession(listener, new Room(), console, {
    once: options.once ?? false,
    lineEnding: options.lineEnding ?? "\n",
    gate: openGate((line) => console.show(line)),
  });
  return {
    port,
    console,
    session,
    connect: async () => {
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      const address = `127.0.0.1:${conn.localAddr.port}`;
      await console.waitForShown(new RegExp(`^\\* ${escape(address)} connected`));
      return { conn, address };
    },
    /** The operator leaves; resolves to the exit code. */
    stop: async () => {
      console.leave("eof");
      return await withDeadline(session, "the server session to end");
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

Deno.test("runServerSession() shows a client's line with its address when the client sends one", async () => {
  const server = startServer();
  const { conn, address } = await server.connect();
  await conn.write(utf8("hello\r\n"));
  await server.console.waitForShown(`user1 (${address}): hello`);
  conn.close();
  assertEquals(await server.stop(), 0);
});

Deno.test("runServerSession() shows escape sequences escaped when a client sends them", async () => {
  const server = startServer();
  const { conn, address } = await server.connect();
  await conn.write(utf8("\x1b[2J\x1b[Hgotcha\x1b]0;owned\x07\n"));
  const line = await server.console.waitForShown(new RegExp(`^user1 \\(${escape(address)}\\): `));
  assertEquals(line, `user1 (${address}): \\e[2J\\e[Hgotcha\\e]0;owned\\a`);
  conn.close();
  await server.stop();
});

Deno.test("runServerSession() shows a line sent without newline when the client is the lab's client.py", async () => {
  const server = startServer();
  const { conn, address } = await server.connect();
  // client.py sends msg.encode() with no newline, then waits for the reply.
  await conn.write(utf8("bonjour"));
  await server.console.waitForShown(`user1 (${address}): bonjour`);
  conn.close();
  await server.stop();
});

Deno.test("runServerSession() says who closed when a client closes its connection", async () => {
  const server = startServer();
  const { conn, address } = await server.connect();
  conn.close();
  const line = await server.console.waitForShown(new RegExp(`^\\* ${escape(address)}\\b.* closed`));
  assertMatch(line, / closed the connection \(0 clients connected\)$/);
  await server.stop();
});

Deno.test("runServerSession() sends the operator's line to every client when several are connected", async () => {
  const server = startServer();
  const first = await server.connect();
  const second = await server.connect();
  server.console.type("hello everyone");
  server.console.type("é 😀");
  const stopped = server.stop();
  for (const { conn } of [first, second]) {
    assertEquals(
      text(await withDeadline(readToEnd(conn), "the server's end of stream")),
      "hello everyone\né 😀\n",
    );
    conn.close();
  }
  assertEquals(await stopped, 0);
});

Deno.test("runServerSession() ends the operator's lines with CRLF when --crlf is given", async () => {
  const server = startServer({ lineEnding: "\r\n" });
  const { conn } = await server.connect();
  server.console.type("hi telnet");
  const stopped = server.stop();
  assertEquals(text(await readToEnd(conn)), "hi telnet\r\n");
  conn.close();
  await stopped;
});

Deno.test("runServerSession() says the line was not sent when nobody is connected", async () => {
  const server = startServer();
  server.console.type("anyone?");
  assertMatch(server.console.shown.join("\n"), /nobody is connected: that line was not sent/);
  await server.stop();
});

Deno.test("runServerSession() delivers everything typed before the operator leaves", async () => {
  const server = startServer();
  const { conn } = await server.connect();
  const lines = Array.from({ length: 2000 }, (_, i) => `line ${i} ${"y".repeat(100)}`);
  for (const line of lines) server.console.type(line);
  const stopped = server.stop();
  const received = text(await withDeadline(readToEnd(conn), "every line"));
  assertEquals(received, lines.map((l) => l + "\n").join(""));
  conn.close();
  assertEquals(await stopped, 0);
});

Deno.test("runServerSession() still shows a client's last line when it answers the server stopping", async () => {
  const server = startServer();
  const { conn, address } = await server.connect();
  const stopped = server.stop();
  await withDeadline(readToEnd(conn), "the server's end of stream");
  await conn.write(utf8("see you\n"));
  conn.close();
  assertEquals(await stopped, 0);
  await waitFor(
    () => server.console.shown.includes(`user1 (${address}): see you`),
    "the last line",
  );
});

Deno.test("runServerSession() stops after the first client leaves when --once is given", async () => {
  const server = startServer({ once: true });
  const { conn, address } = await server.connect();
  await conn.write(utf8("only me\n"));
  await server.console.waitForShown(`user1 (${address}): only me`);
  conn.close();
  assertEquals(await withDeadline(server.session, "--once to end the session"), 0);
  assertEquals(server.console.closed, true);
  // The listener is closed: nobody else can come in.
  let refused = false;
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port: server.port })).close();
  } catch (error) {
    refused = error instanceof Deno.errors.ConnectionRefused;
  }
  assertEquals(refused, true);
});

Deno.test("runServerSession() says how many clients it disconnected when the operator stops it", async () => {
  const server = startServer();
  const one = await server.connect();
  const two = await server.connect();
  const stopped = server.stop();
  await Promise.all([one, two].map(({ conn }) => withDeadline(readToEnd(conn), "end of stream")));
  one.conn.close();
  two.conn.close();
  assertEquals(await stopped, 0);
  assertEquals(server.console.shown.at(-1), "* server stopped: 2 clients disconnected");
});

Deno.test("runServerSession() sends exit to the clients when the operator types exit", async () => {
  const server = startServer();
  const { conn } = await server.connect();
  server.console.type("exit");
  const received = text(await withDeadline(readToEnd(conn), "end of stream"));
  conn.close();
  assertEquals(await withDeadline(server.session, "the session to end"), 0);
  assertEquals(received, "exit\n");
  assertEquals(server.console.shown.at(-1), "* server stopped: 1 client disconnected");
});
