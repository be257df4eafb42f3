/**
 * End to end, interactive UDP: `tp1 serve --udp` and `tp1 connect --udp` each in
 * a real pseudo-terminal (tmux), exchanging typed lines; a raw socket plays a
 * hostile peer; the server leaving shows as "nobody is listening".
 */
import { assertEquals, assertMatch, assertNotIncludes } from "../_helpers/assert.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import { MAIN_TS, REPO_ROOT } from "../_helpers/tp1.ts";
import { UdpSocket } from "../../src/udp/udp_socket.ts";
import { freeUdpPort } from "../udp/_udp_helpers.ts";

const ignore = !hasCommand("tmux");

function startTp1InTerminal(args: string[]): Promise<TmuxPane> {
  return TmuxPane.start([Deno.execPath(), "run", "--allow-all", MAIN_TS, ...args], {
    cwd: decodeURIComponent(REPO_ROOT.pathname),
    width: 120,
  });
}

Deno.test({
  name:
    "serve --udp and connect --udp in terminals exchange lines, escaped, and say when nobody listens (needs tmux)",
  ignore,
}, async () => {
  const port = freeUdpPort();
  await using server = await startTp1InTerminal([
    "serve",
    "--udp",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
  ]);
  await server.waitForScreen(new RegExp(`server@[^:\\s]+:${port}/udp\\$`));
  assertMatch(await server.screen(), /UDP has no connection: a peer is known only once/);
  await using client = await startTp1InTerminal(["connect", "--udp", "127.0.0.1", String(port)]);
  await client.waitForScreen(new RegExp(`client@[^:\\s]+:${port}/udp\\$`));
  const banner = await client.screen();
  assertMatch(
    banner,
    new RegExp(`datagrams go to 127\\.0\\.0\\.1:${port}, from 127\\.0\\.0\\.1:(\\d+)`),
  );
  assertNotIncludes(banner, "connected");
  const clientPort = /from 127\.0\.0\.1:(\d+)/.exec(banner)![1];

  await client.type("bonjour é");
  await client.press("Enter");
  await server.waitForScreen(`from 127.0.0.1:${clientPort} (11 bytes): bonjour é`);
  await server.type("salut");
  await server.press("Enter");
  await server.waitForScreen(`* to 127.0.0.1:${clientPort} (6 bytes)`);
  await client.waitForScreen(`from 127.0.0.1:${port} (6 bytes): salut`);

  // A hostile datagram is shown escaped, never obeyed.
  const raw = UdpSocket.open("IPv4");
  try {
    raw.connect("127.0.0.1", port);
    raw.send(new TextEncoder().encode("\x1b[2J\x1b]0;pwned\x07RED"));
    const rawPort = raw.localEndpoint().port;
    await server.waitForScreen(`from 127.0.0.1:${rawPort} (17 bytes): \\e[2J\\e]0;pwned\\aRED`);
    await server.type("/who");
    await server.press("Enter");
    await server.waitForScreen(/2 peers heard from/);
  } finally {
    raw.close();
  }
  // The earlier lines are still on the screen: it was not cleared.
  assertMatch(await server.screen(), /bonjour é/);

  await server.type("exit");
  await server.press("Enter");
  assertEquals(await server.exitStatus(), 0);
  // "exit" went to the peer, shown on its line; the closing line has its own, no prompt after exit.
  const closing = (await server.screen()).split("\n");
  const stopped = closing.findIndex((row) => row.includes("* server stopped"));
  assertEquals(closing[stopped], "* server stopped");
  assertMatch(closing[stopped - 1], /^\* to 127\.0\.0\.1:\d+ \(5 bytes\)$/);
  await client.type("encore là ?");
  await client.press("Enter");
  await client.waitForScreen(`* nobody is listening on UDP 127.0.0.1:${port}`);
  await client.press("C-d");
  assertEquals(await client.exitStatus(), 0);
});
