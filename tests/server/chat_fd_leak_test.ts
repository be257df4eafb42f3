/**
 * The chat server closes every connection it took, however the client went.
 * The server runs as its own process (the real `tp1 serve --chat`) so only its
 * descriptors are counted: under `deno test --parallel` every test file shares
 * this process, and its /proc/self/fd moves with whatever the other files do.
 */
import net from "node:net";
import { assertEquals } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { canReadProc } from "../proc/_proc_access.ts";
import { canRun } from "../_helpers/permissions.ts";
import { ChatClient } from "../_helpers/chat_client.ts";
import { startChatServer } from "../_helpers/serve_process.ts";

/** How many file descriptors process `pid` has open (Deno lets only --allow-all read /proc). */
function openDescriptors(pid: number): number {
  return [...Deno.readDirSync(`/proc/${pid}/fd`)].length;
}

/** One client's visit, in one of the ways clients come and go. */
async function visit(port: number, kind: number): Promise<void> {
  if (kind === 3) {
    // Vanishes abruptly in the middle of a line: a reset.
    const socket = net.connect(port, "127.0.0.1");
    await new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject));
    await new Promise((resolve) => socket.write("half a li", resolve));
    socket.resetAndDestroy();
    return;
  }
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    if (kind === 1) await conn.write(utf8("hello\n"));
    if (kind !== 0) await conn.read(new Uint8Array(4096)); // the welcome, or the refusal
    if (kind === 2) await conn.closeWrite();
  } catch {
    // Refused and closed under us: that is a way to go too.
  } finally {
    conn.close();
  }
}

/** The server's log lines (stdout, one per line after the time stamp). */
function logLines(stdout: string): string[] {
  return stdout.split("\n").map((line) => line.replace(/^\d\d:\d\d:\d\d /, ""));
}

Deno.test({
  name: canReadProc && canRun
    ? "tp1 serve --chat leaks no file descriptor over 2000 connect/disconnect cycles"
    : "tp1 serve --chat leaks no file descriptor over 2000 connect/disconnect cycles (needs --allow-all)",
  ignore: !canReadProc || !canRun,
  async fn() {
    // A small --max-clients so the refusal path is exercised too.
    const { server, port } = await startChatServer(["--max-clients", "8"]);
    await using _server = server;
    await visit(port, 1);
    await server.waitForStdout(/user1 left/);
    const before = openDescriptors(server.pid);
    const cycles = 2000;
    const parallel = 16;
    let next = 0;
    const visitors = (until: number) =>
      Promise.all(Array.from({ length: parallel }, async () => {
        while (next < until) await visit(port, next++ % 4);
      }));
    // First the room is kept full by eight members, so every visit takes the
    // refusal path (whatever the machine's speed); then they leave and the
    // visits are admitted, up to eight at once.
    const members = await Promise.all(Array.from({ length: 8 }, () => ChatClient.connect(port)));
    await server.waitForStdout(/user9 joined/);
    await visitors(cycles / 4);
    for (const member of members) member.close();
    await waitFor(
      () =>
        logLines(server.stdout).filter((line) => / left|was disconnected/.test(line)).length >= 9,
      () => "the eight members to leave",
    );
    await visitors(cycles);
    // Every connection, admitted or refused, is closed by the server in the end.
    await waitFor(
      () => openDescriptors(server.pid) <= before,
      () => `descriptors to fall back to ${before}; now ${openDescriptors(server.pid)}`,
      15_000,
    );
    await using last = await ChatClient.connect(port);
    await last.waitForLine("* nobody else is here yet");
    // The log comes through a pipe, the welcome through the socket: under load the log can lag
    // (last's "joined" was missing 18 times in 200). A line of last's is logged after all the
    // rest: once it is read, so is every line counted below.
    await last.write("bye\n");
    await server.waitForStdout(/<user\d+> bye$/m);
    const log = logLines(server.stdout);
    const refused = log.filter((line) => line.startsWith("* refused")).length;
    const left = log.filter((line) => / left|was disconnected/.test(line)).length;
    // Not user1, the eight members nor `last`.
    const joined = log.filter((line) => line.includes(" joined from ")).length - 10;
    // A client that resets before it is accepted never reaches the server: hence "at most".
    assertEquals(joined + refused <= cycles && joined + refused > cycles / 2, true);
    // Half the visits while the room was full read the refusal (kinds 1 and 2).
    assertEquals(refused >= cycles / 8, true, `${refused} visits found the server full`);
    assertEquals(joined > 0, true, "visits were admitted once the members left");
    assertEquals(left, joined + 9, "every admitted client left the room");
  },
});
