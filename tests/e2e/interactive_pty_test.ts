/**
 * End to end, interactive mode: `tp1 serve` and `tp1 connect` run in a real
 * pseudo-terminal (tmux); the test types at the prompt and plays the raw peer.
 */
import { assertEquals, assertMatch, assertNotIncludes } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { startTp1InTerminal } from "../_helpers/tp1.ts";

const ignore = !hasCommand("tmux");
const NEEDS = "(needs --allow-run and tmux)";
const decoder = new TextDecoder();

/** Collects what a socket receives, so the test can wait for a piece of it. */
function collect(conn: Deno.TcpConn) {
  let received = "";
  const done = readToEnd(conn, (chunk) => {
    received += decoder.decode(chunk, { stream: true });
  });
  // A test that fails early closes the socket under this read: not a second failure.
  done.catch(() => undefined);
  return {
    get text() {
      return received;
    },
    until: (expected: string) =>
      waitFor(
        () => received.includes(expected),
        () => `${JSON.stringify(expected)} in ${JSON.stringify(received)}`,
      ),
    done,
  };
}

/** The last non-empty row of the screen: where the prompt is. */
function promptRow(screen: string): string {
  return screen.split("\n").filter((row) => row !== "").at(-1) ?? "";
}

/**
 * Whether the screen has settled with `message` on the row just above the
 * prompt, and the prompt row still ends with what the user had typed. (While
 * the prompt is being redrawn the screen may briefly lack it.)
 */
function shownAbovePrompt(message: string, prompt: RegExp, typed: string) {
  return (screen: string): boolean => {
    const rows = screen.split("\n").filter((row) => row !== "");
    return rows.at(-2) === message &&
      new RegExp(`^${prompt.source} ${typed.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`)
        .test(rows.at(-1) ?? "");
  };
}

Deno.test({
  name:
    `tp1 serve in a terminal shows peers' lines above the prompt without clobbering typing ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using tp1 = await startTp1InTerminal(["serve", "-p", String(port), "--host", "127.0.0.1"]);
  const prompt = new RegExp(`server@[^:\\s]+:${port}\\$`);
  await tp1.waitForScreen(prompt);

  using peer = await Deno.connect({ hostname: "127.0.0.1", port });
  const fromServer = collect(peer);
  const me = `127.0.0.1:${peer.localAddr.port}`;
  await tp1.waitForScreen(`* ${me} connected`);
  await peer.write(utf8("hello from the peer\n"));
  await tp1.waitForScreen(`user1 (${me}): hello from the peer`);

  // Half a line typed at the prompt, then a hostile line arrives.
  await tp1.type("half typ");
  await tp1.waitForScreen((s) => prompt.test(promptRow(s)) && promptRow(s).endsWith("half typ"));
  await peer.write(utf8("\x1b[2J\x1b[H\x1b[31mRED\x1b[0m\x07\n"));
  // Escaped, not obeyed, and shown above the prompt with the typing intact.
  const screen = await tp1.waitForScreen(
    shownAbovePrompt(`user1 (${me}): \\e[2J\\e[H\\e[31mRED\\e[0m\\a`, prompt, "half typ"),
  );
  // The screen was not cleared: the earlier line is still there.
  assertMatch(screen, new RegExp(`user1 \\(${me.replaceAll(".", "\\.")}\\): hello from the peer`));

  await tp1.type("ed");
  await tp1.press("Enter");
  await fromServer.until("half typed\n");
  await tp1.type("exit");
  await tp1.press("Enter");
  await withDeadline(fromServer.done, "the server to close the connection");
  // "exit" reaches the clients too, as the lab's server.py sends it.
  assertEquals(fromServer.text, "half typed\nexit\n");
  assertEquals(await tp1.exitStatus(), 0);
});

Deno.test({
  name: `tp1 connect in a terminal sends typed lines and shows the server's escaped ${NEEDS}`,
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  await using tp1 = await startTp1InTerminal(["connect", "127.0.0.1", String(port)]);
  using server = await withDeadline(listener.accept(), "tp1 connect to connect");
  const fromClient = collect(server);
  const prompt = new RegExp(`client@[^:\\s]+:${port}\\$`);
  await tp1.waitForScreen(prompt);
  assertMatch(await tp1.screen(), new RegExp(`connected to 127\\.0\\.0\\.1:${port}`));

  await tp1.type("hello server");
  await tp1.press("Enter");
  await fromClient.until("hello server\n");

  await tp1.type("partial");
  await tp1.waitForScreen((s) => promptRow(s).endsWith(" partial"));
  await server.write(utf8("\x1b]0;pwned\x07title\x1b[1A\r\n"));
  await tp1.waitForScreen(
    shownAbovePrompt("from server: \\e]0;pwned\\atitle\\e[1A", prompt, "partial"),
  );

  // The lab's server.py answers without a newline: shown anyway, after a pause.
  await server.write(utf8("no newline"));
  const screen = await tp1.waitForScreen(
    shownAbovePrompt("from server: no newline", prompt, "partial"),
  );
  assertNotIncludes(screen, "\\r");

  await tp1.press("C-u");
  await tp1.press("C-d");
  await withDeadline(fromClient.done, "the client's half-close");
  server.close();
  assertEquals(await tp1.exitStatus(), 0);
  assertEquals(fromClient.text, "hello server\n");
  await tp1.waitForScreen("* you left; the connection is closed");
});

Deno.test({
  name:
    `tp1 connect in a narrow terminal keeps a wrapped half-typed line and the lines above it ${NEEDS}`,
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  await using tp1 = await startTp1InTerminal(["connect", "127.0.0.1", String(port)], { width: 40 });
  using server = await withDeadline(listener.accept(), "tp1 connect to connect");
  const fromClient = collect(server);
  const prompt = new RegExp(`client@[^:\\s]+:${port}\\$`);
  await tp1.waitForScreen(prompt);
  const banner = (await tp1.screen()).split("\n").filter((row) => row !== "");

  // 70 characters after the prompt: the input wraps over three rows of 40.
  const typed = "x".repeat(30) + "y".repeat(30) + "z".repeat(10);
  await tp1.type(typed);
  await tp1.waitForScreen((s) => s.replaceAll("\n", "").endsWith(typed));
  await server.write(utf8("incoming one\n"));
  await tp1.waitForScreen("from server: incoming one");
  await server.write(utf8("incoming two\n"));

  const settled = (screen: string) => {
    const rows = screen.split("\n").filter((row) => row !== "");
    const at = rows.indexOf("from server: incoming two");
    return at > 0 && rows[at - 1] === "from server: incoming one" &&
      prompt.test(rows[at + 1] ?? "") && rows.slice(at + 1).join("").endsWith(` ${typed}`);
  };
  const screen = await tp1.waitForScreen(settled);
  // Nothing shown before was erased by the redraw.
  const rows = screen.split("\n").filter((row) => row !== "");
  assertEquals(rows.slice(0, banner.length - 1), banner.slice(0, -1));

  await tp1.press("Enter");
  await fromClient.until(`${typed}\n`);
  await tp1.press("C-d");
  await withDeadline(fromClient.done, "the client's half-close");
  server.close();
  assertEquals(await tp1.exitStatus(), 0);
});

Deno.test({
  name:
    `tp1 connect in a terminal says the server closed and exits 0 when the server closes ${NEEDS}`,
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  await using tp1 = await startTp1InTerminal(["connect", `127.0.0.1:${port}`]);
  const server = await withDeadline(listener.accept(), "tp1 connect to connect");
  await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
  await server.write(utf8("closing now\n"));
  server.close();
  const screen = await tp1.waitForScreen("* the server closed the connection");
  assertMatch(screen, /from server: closing now\n\* the server closed the connection/);
  assertEquals(await tp1.exitStatus(), 0);
});

Deno.test({
  name: `tp1 connect in a terminal delivers every line typed just before Ctrl-C ${NEEDS}`,
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  await using tp1 = await startTp1InTerminal(["connect", "127.0.0.1", String(port)]);
  using server = await withDeadline(listener.accept(), "tp1 connect to connect");
  const fromClient = collect(server);
  await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
  const lines = Array.from({ length: 20 }, (_, i) => `typed line ${i}`);
  for (const line of lines) {
    await tp1.type(line);
    await tp1.press("Enter");
  }
  await tp1.press("C-c");
  await withDeadline(fromClient.done, "the client's half-close");
  server.close();
  assertEquals(fromClient.text, lines.map((l) => l + "\n").join(""));
  assertEquals(await tp1.exitStatus(), 0);
});

Deno.test({
  name: `tp1 serve and tp1 connect chat through two terminals ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using server = await startTp1InTerminal([
    "serve",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
  ]);
  await server.waitForScreen(new RegExp(`server@[^:\\s]+:${port}\\$`));
  await using client = await startTp1InTerminal(["connect", "127.0.0.1", String(port)]);
  await client.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
  await server.waitForScreen(/\* 127\.0\.0\.1:\d+ connected/);

  await client.type("bonjour vm1");
  await client.press("Enter");
  await server.waitForScreen(/user1 \(127\.0\.0\.1:\d+\): bonjour vm1/);
  await server.type("bonjour vm2");
  await server.press("Enter");
  await client.waitForScreen("from server: bonjour vm2");

  await client.type("exit");
  await client.press("Enter");
  await server.waitForScreen(/user1 \(127\.0\.0\.1:\d+\): exit/);
  await server.waitForScreen(/\* 127\.0\.0\.1:\d+\b.* closed the connection/);
  assertEquals(await client.exitStatus(), 0);
  await server.type("exit");
  await server.press("Enter");
  assertEquals(await server.exitStatus(), 0);
});
