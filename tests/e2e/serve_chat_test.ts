import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { runTp1 } from "../_helpers/tp1.ts";
import { ChatClient } from "../_helpers/chat_client.ts";
import { startChatServer } from "../_helpers/serve_process.ts";

const hasNc = hasCommand("nc");

Deno.test({
  name: hasNc
    ? "tp1 serve --chat relays between plain nc clients, accents and emoji intact, and logs it"
    : "tp1 serve --chat relays between plain nc clients (needs --allow-run and nc)",
  ignore: !hasNc,
  async fn() {
    const { server, port } = await startChatServer();
    await using _server = server;
    await using zoe = new ChildProcess("nc", ["127.0.0.1", String(port)]);
    await zoe.waitForStdout("* nobody else is here yet");
    await using bob = new ChildProcess("nc", ["127.0.0.1", String(port)]);
    await bob.waitForStdout("* here already: user1 (127.0.0.1)");
    await zoe.write("/nick Zoé\n");
    await bob.waitForStdout("* user1 is now known as Zoé");
    await zoe.write("Salut 👋, ça marche très bien\n");
    await bob.waitForStdout("<Zoé> Salut 👋, ça marche très bien\n");
    await bob.write("/msg zoé rdv à 14 h\n");
    await zoe.waitForStdout("[private] <user2> rdv à 14 h\n");
    // nc exits on SIGTERM: its socket closes and the room says so.
    zoe.kill("SIGTERM");
    await bob.waitForStdout("* Zoé left");
    server.kill("SIGTERM");
    const finished = await server.finished();
    assertEquals(finished.code, 0);
    await bob.waitForStdout("* the server is stopping: goodbye\n");
    assertMatch(finished.stdout, /^\d\d:\d\d:\d\d <Zoé> Salut 👋, ça marche très bien$/m);
    assertMatch(finished.stdout, /^\d\d:\d\d:\d\d \* Zoé left — 1 client connected$/m);
    assertEquals(finished.stdout.includes("rdv à 14 h"), false, "private messages stay private");
  },
});

Deno.test({
  name: canRun
    ? "tp1 serve --chat reads operator commands piped into its standard input"
    : "tp1 serve --chat reads operator commands piped into its standard input (needs --allow-run)",
  ignore: !canRun,
  async fn() {
    const { server, port } = await startChatServer();
    await using _server = server;
    await using client = await ChatClient.connect(port);
    await client.waitForLine("* nobody else is here yet");
    await server.write("/all la séance finit à 17 h\n/who\n");
    await client.waitForLine("<server> la séance finit à 17 h");
    await server.waitForStdout(/\* 1 client connected:\n.*user1 {2}127\.0\.0\.1:\d+/);
    assertIncludes(server.stdout, "server$ /all la séance finit à 17 h");
    // End of input does not stop the server.
    await server.closeStdin();
    await client.write("still there?\n");
    await server.waitForStdout("<user1> still there?");
    server.kill("SIGINT");
    assertEquals((await server.finished()).code, 0);
    assertEquals(await client.waitForEnd(), "eof");
  },
});

Deno.test({
  name: canRun
    ? "tp1 serve --chat --max-clients 1 tells the second client the server is full"
    : "tp1 serve --chat --max-clients 1 tells the second client the server is full (needs --allow-run)",
  ignore: !canRun,
  async fn() {
    const { server, port } = await startChatServer(["--max-clients", "1"]);
    await using _server = server;
    await using first = await ChatClient.connect(port);
    await first.waitForLine("* nobody else is here yet");
    await using second = await ChatClient.connect(port);
    assertEquals(await second.waitForEnd(), "eof");
    assertEquals(second.lines, [
      "* sorry, the server is full: 1 client is connected, the most it accepts; try again later",
    ]);
    await server.waitForStdout(
      /\* refused 127\.0\.0\.1:\d+: the server is full \(--max-clients 1\)/,
    );
  },
});

Deno.test({
  name: canRun
    ? "tp1 serve rejects bad --max-clients and --max-line values, and room flags in piped mode"
    : "tp1 serve rejects bad --max-clients and --max-line values (needs --allow-run)",
  ignore: !canRun,
  async fn() {
    for (
      const [args, message] of [
        [["--chat", "--max-clients", "0"], "--max-clients takes a whole number from 1"],
        [["--chat", "--max-clients", "lots"], "--max-clients takes a whole number from 1"],
        [["--chat", "--max-line", "10"], "--max-line takes a number of bytes from 64"],
        [["--chat", "--max-line", "2m"], "--max-line takes a number of bytes from 64"],
        [["--max-clients", "5"], "--max-clients applies to the chat room, not to piped mode"],
      ] as const
    ) {
      const result = await runTp1(["serve", "-p", String(freePort()), ...args]);
      assertEquals(result.code, 2, args.join(" "));
      assertIncludes(result.stderr, message);
      assertIncludes(result.stderr, "usage: tp1 serve");
    }
  },
});

Deno.test({
  name: canRun
    ? "tp1 help serve documents the chat room, its limits and non-terminal use"
    : "tp1 help serve documents the chat room (needs --allow-run)",
  ignore: !canRun,
  async fn() {
    const { code, stdout } = await runTp1(["help", "serve"]);
    assertEquals(code, 0);
    for (const part of ["--chat", "--max-clients N", "--max-line BYTES", "/nick NAME", "SIGTERM"]) {
      assertIncludes(stdout, part);
    }
  },
});
