/**
 * How an interactive session ends, in a real terminal (tmux): "exit" typed at
 * the prompt reaches the lab's server.py and client.py (it is a message in their
 * protocol), the server says how many clients it disconnected, and Ctrl-C on a
 * half-typed line says that line was not sent.
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { fixturePath } from "../_helpers/fixtures.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { FRENCH_LOCALE, startTp1InTerminal } from "../_helpers/tp1.ts";
import type { TmuxPane } from "../_helpers/tmux.ts";

const ignore = !hasCommand("tmux") || !hasCommand("python3");
const NEEDS = "(needs --allow-run, tmux and python3)";

function labScript(name: "lab_server.py" | "lab_client.py", port: number): ChildProcess {
  return new ChildProcess("python3", [fixturePath(name), String(port)]);
}

Deno.test({
  name: `tp1 connect sends "exit" to the lab's server.py, then leaves ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using server = labScript("lab_server.py", port);
  await server.waitForStdout("Listening ...");
  await using tp1 = await startTp1InTerminal(["connect", "127.0.0.1", String(port)]);
  await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
  await tp1.type("exit");
  await tp1.press("Enter");
  await server.waitForStdout("from client 'exit\\n'");
  await server.closeStdin();
  assertEquals(await tp1.exitStatus(), 0);
  assertEquals((await server.finished()).code, 0);
});

Deno.test({
  name: `tp1 serve sends "exit" to the lab's client.py and says it disconnected it ${NEEDS}`,
  ignore,
}, async () => {
  const port = freePort();
  await using tp1 = await startTp1InTerminal(["serve", "-p", String(port), "--host", "127.0.0.1"]);
  await tp1.waitForScreen(new RegExp(`server@[^:\\s]+:${port}\\$`));
  await using client = labScript("lab_client.py", port);
  await tp1.waitForScreen("connected as user1");
  await client.write("hello\n");
  await tp1.waitForScreen(/user1 \(127\.0\.0\.1:\d+\): hello/);
  await tp1.type("exit");
  await tp1.press("Enter");
  await client.waitForStdout("from server exit\n");
  await client.closeStdin();
  assertEquals((await withDeadline(client.finished(), "client.py to stop")).code, 0);
  assertEquals(await tp1.exitStatus(), 0);
  await tp1.waitForScreen("* server stopped: 1 client disconnected");
});

/** Two ways to stop an interactive server with a half-typed line: Ctrl-C, and `kill PID`. */
const STOPS = [
  {
    how: "on Ctrl-C",
    stop: async (tp1: TmuxPane) => {
      // The cursor is inside the line: the mark still goes after it.
      await tp1.press("Left", "Left", "Left");
      await tp1.press("C-c");
    },
  },
  {
    // How the lab frees a port; the shell used to print "Terminated" after the prompt.
    how: "when stopped by kill PID (SIGTERM)",
    stop: async (tp1: TmuxPane) => Deno.kill(await tp1.commandPid(), "SIGTERM"),
  },
];

for (const { how, stop } of STOPS) {
  Deno.test({
    name: `tp1 serve marks a half-typed line not sent ${how}, says it stopped, exits 0 ${NEEDS}`,
    ignore,
  }, async () => {
    const port = freePort();
    await using tp1 = await startTp1InTerminal([
      "serve",
      "-p",
      String(port),
      "--host",
      "127.0.0.1",
    ]);
    await tp1.waitForScreen(new RegExp(`server@[^:\\s]+:${port}\\$`));
    using peer = await Deno.connect({ hostname: "127.0.0.1", port });
    await tp1.waitForScreen("connected as user1");
    await tp1.type("half typed");
    await tp1.waitForScreen((screen) => screen.endsWith("half typed"));
    await stop(tp1);
    assertEquals(await tp1.exitStatus(), 0);
    const screen = await tp1.screen();
    assertIncludes(screen, "$ half typed  (not sent)\n");
    assertIncludes(screen, "* server stopped: 1 client disconnected");
    peer.close();
  });
}

const ignoreTmux = !hasCommand("tmux");

Deno.test({
  name:
    `tp1 connect marks a half-typed line not sent when the server closes (needs --allow-run and tmux)`,
  ignore: ignoreTmux,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  await using tp1 = await startTp1InTerminal(["connect", "127.0.0.1", String(port)], {
    env: FRENCH_LOCALE,
  });
  const server = await listener.accept();
  await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
  await tp1.type("à moitié tapée");
  await tp1.waitForScreen((screen) => screen.endsWith("à moitié tapée"));
  server.close();
  assertEquals(await tp1.exitStatus(), 0);
  const screen = await tp1.screen();
  assertIncludes(screen, "* le serveur a fermé la connexion\n");
  assertIncludes(screen, "$ à moitié tapée  (non envoyée)\n");
});

Deno.test({
  name:
    `tp1 serve --once marks a half-typed line not sent when its client leaves (needs --allow-run and tmux)`,
  ignore: ignoreTmux,
}, async () => {
  const port = freePort();
  await using tp1 = await startTp1InTerminal([
    "serve",
    "--once",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
  ]);
  await tp1.waitForScreen(new RegExp(`server@[^:\\s]+:${port}\\$`));
  const peer = await Deno.connect({ hostname: "127.0.0.1", port });
  await tp1.waitForScreen("connected as user1");
  await tp1.type("half typed");
  await tp1.waitForScreen((screen) => screen.endsWith("half typed"));
  peer.close();
  assertEquals(await tp1.exitStatus(), 0);
  const screen = await tp1.screen();
  assertIncludes(screen, "closed the connection (0 clients connected)");
  assertIncludes(screen, "$ half typed  (not sent)\n");
});
