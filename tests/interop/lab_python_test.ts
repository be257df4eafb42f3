/**
 * Interoperability with the lab's own Python scripts (tests/fixtures/lab_*.py
 * behave like server.py and client.py from the TP1 report: no newline on what
 * they send, recv(1024), strict turns), in both directions and both modes.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { FakeConsole } from "../_helpers/fake_console.ts";
import { fixturePath } from "../_helpers/fixtures.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { spawnTp1, startPipedServer } from "../_helpers/tp1.ts";
import { dial } from "../../src/net/dial.ts";
import { Room } from "../../src/room/room.ts";
import { runClientSession } from "../../src/client/client_session.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";
import { runServerSession } from "../../src/server/server_session.ts";
import { openGate } from "../_helpers/chat_client.ts";

const ignore = !hasCommand("python3");
const NEEDS = "(needs --allow-run and python3)";

function labScript(name: "lab_server.py" | "lab_client.py", port: number): ChildProcess {
  return new ChildProcess("python3", [fixturePath(name), String(port)]);
}

Deno.test({
  name: `runServerSession() chats with the lab's client.py when it sends without newlines ${NEEDS}`,
  ignore,
}, async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const console = new FakeConsole();
  const session = runServerSession(listener, new Room(), console, {
    once: false,
    lineEnding: "\n",
    gate: openGate((line) => console.show(line)),
  });
  await using client = labScript("lab_client.py", listener.addr.port);

  await client.write("hello from vm2\n");
  const shown = await console.waitForShown(/^user1 \(127\.0\.0\.1:\d+\): hello from vm2$/);
  const address = shown.slice("user1 (".length, shown.indexOf("): "));
  console.type("hello from vm1");
  await client.waitForStdout("from server hello from vm1\n");

  await client.write("exit\n");
  await console.waitForShown(`user1 (${address}): exit`);
  console.type("bye");
  const { code, stdout } = await client.finished();
  assertEquals(code, 0);
  assertIncludes(stdout, "from server bye\n");
  await console.waitForShown(
    new RegExp(`^\\* ${address.replaceAll(".", "\\.")}\\b.* closed the connection`),
  );
  console.leave("eof");
  assertEquals(await withDeadline(session, "the server to stop"), 0);
});

Deno.test({
  name:
    `runClientSession() chats with the lab's server.py when it replies without newlines ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using server = labScript("lab_server.py", port);
  await server.waitForStdout("Listening ...");
  const console = new FakeConsole();
  const conn = await dial({ host: "127.0.0.1", port });
  const session = runClientSession(new PeerLink(conn), console, { lineEnding: "\n" });

  console.type("hello from vm2");
  await server.waitForStdout("from client 'hello from vm2\\n'");
  await server.write("hello from vm1\n");
  await console.waitForShown("from server: hello from vm1");

  console.type("exit");
  // server.py sees the "exit" it waits for, not an empty message.
  await server.waitForStdout("from client 'exit\\n'");
  await server.closeStdin();
  assertEquals(await withDeadline(session, "the session to end"), 0);
  assertEquals(console.shown.at(-1), "* you left; the connection is closed");
  assertEquals((await server.finished()).code, 0);
});

Deno.test({
  name: `tp1 serve (piped) receives what the lab's client.py sends and answers it ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port);
  await using client = labScript("lab_client.py", port);
  await server.write("welcome\n");
  await server.closeStdin();
  await client.write("hello\nexit\n");
  await client.closeStdin();
  const [served, clientDone] = await Promise.all([server.finished(), client.finished()]);
  assertEquals(served.code, 0, served.stderr);
  assertEquals(served.stdout, "helloexit");
  assertEquals(clientDone.code, 0);
  assertMatch(clientDone.stdout, /from server welcome\n/);
});

Deno.test({
  name: `tp1 connect (piped) gets the lab's server.py reply after sending its input ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using server = labScript("lab_server.py", port);
  await server.waitForStdout("Listening ...");
  await server.write("reply from vm1\n");
  await server.closeStdin();
  await using client = spawnTp1(["connect", "127.0.0.1", String(port)]);
  await client.write("request from vm2");
  await client.closeStdin();
  const [connected, served] = await Promise.all([client.finished(), server.finished()]);
  assertEquals(connected.code, 0, connected.stderr);
  assertEquals(connected.stdout, "reply from vm1");
  assertEquals(served.code, 0);
  assertIncludes(served.stdout, "from client 'request from vm2'");
});
