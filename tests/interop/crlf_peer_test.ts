/**
 * Interoperability with peers whose lines end in CRLF: telnet as a client, and
 * socat's `crlf` option as a server. The CR never shows up as `\r` on screen,
 * and piped mode still passes it through unchanged.
 */
import { assertEquals, assertIncludes, assertNotIncludes } from "../_helpers/assert.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { FakeConsole } from "../_helpers/fake_console.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { startPipedServer } from "../_helpers/tp1.ts";
import { dial } from "../../src/net/dial.ts";
import { Room } from "../../src/room/room.ts";
import { runClientSession } from "../../src/client/client_session.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";
import { runServerSession } from "../../src/server/server_session.ts";
import { openGate } from "../_helpers/chat_client.ts";

Deno.test({
  name:
    "runServerSession() shows telnet's CRLF lines without the CR and telnet shows its --crlf reply " +
    "(needs --allow-run and telnet)",
  ignore: !hasCommand("telnet"),
}, async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const console = new FakeConsole();
  const session = runServerSession(listener, new Room(), console, {
    once: false,
    lineEnding: "\r\n",
    gate: openGate((line) => console.show(line)),
  });
  await using telnet = new ChildProcess("telnet", ["127.0.0.1", String(listener.addr.port)]);
  await telnet.waitForStdout("Escape character is");
  await telnet.write("hello\nworld\n");
  await console.waitForShown(/^user1 \(127\.0\.0\.1:\d+\): world$/);
  const fromTelnet = console.shown.filter((line) => line.startsWith("user1 ("));
  assertEquals(fromTelnet.map((line) => line.replace(/^user1 \([^ ]+\): /, "")), [
    "hello",
    "world",
  ]);
  assertNotIncludes(console.shown.join("\n"), "\\r");

  console.type("hi telnet");
  // telnet prints a received CRLF as a plain newline; the bytes are checked in server_session_test.
  await telnet.waitForStdout("\nhi telnet\n");
  await telnet.closeStdin();
  await console.waitForShown(/closed the connection/);
  await telnet.finished();
  console.leave("eof");
  assertEquals(await withDeadline(session, "the server to stop"), 0);
});

Deno.test({
  name: "tp1 serve (piped) keeps telnet's CRLF bytes unchanged (needs --allow-run and telnet)",
  ignore: !hasCommand("telnet"),
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port);
  await using telnet = new ChildProcess("telnet", ["127.0.0.1", String(port)]);
  await telnet.waitForStdout("Escape character is");
  await telnet.write("line one\nline two\n");
  await server.waitForStdout("line two\r\n");
  // telnet leaves as soon as the server's side ends, so the server's input ends last.
  await server.closeStdin();
  await telnet.closeStdin();
  const { code, stdout } = await server.finished();
  assertEquals(code, 0);
  assertEquals(stdout, "line one\r\nline two\r\n");
});

Deno.test({
  name:
    "runClientSession() shows a CRLF server's lines without the CR and sends CRLF with --crlf " +
    "(needs --allow-run and socat)",
  ignore: !hasCommand("socat"),
}, async () => {
  const port = freePort();
  // socat's crlf option: LF on its stdin goes out as CRLF, CRLF coming in is printed as LF.
  await using server = new ChildProcess("socat", [
    "-d",
    "-d",
    `TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,crlf`,
    "STDIO",
  ]);
  await server.waitForStderr("listening on");
  const console = new FakeConsole();
  const session = runClientSession(
    new PeerLink(await dial({ host: "127.0.0.1", port })),
    console,
    { lineEnding: "\r\n" },
  );
  await server.write("220 welcome\n");
  await console.waitForShown("from server: 220 welcome");
  console.type("HELO vm2");
  await server.waitForStdout("HELO vm2\n");
  assertNotIncludes(server.stdout, "\r");
  console.leave("eof");
  assertEquals(await withDeadline(session, "the session to end"), 0);
  assertIncludes(console.shown.join("\n"), "* you left; the connection is closed");
});
