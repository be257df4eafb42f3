import net from "node:net";
import { assertEquals } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { canReadProc } from "../proc/_proc_access.ts";
import { TestServer } from "../_helpers/chat_client.ts";

/** How many file descriptors this process has open (Deno lets only --allow-all read /proc/self/fd). */
function openDescriptors(): number {
  return [...Deno.readDirSync(`/proc/${Deno.pid}/fd`)].length;
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

Deno.test({
  name: canReadProc
    ? "runServerSession() leaks no file descriptor over 2000 connect/disconnect cycles"
    : "runServerSession() leaks no file descriptor over 2000 connect/disconnect cycles (needs --allow-all)",
  ignore: !canReadProc,
  async fn() {
    // A small --max-clients so the refusal path is exercised too.
    await using server = new TestServer({ maxClients: 8 });
    await visit(server.port, 1);
    await waitFor(() => server.console.shown.some((l) => l.includes("user1 left")), "warm-up");
    const before = openDescriptors();
    const cycles = 2000;
    const parallel = 16;
    let next = 0;
    await Promise.all(Array.from({ length: parallel }, async () => {
      while (next < cycles) await visit(server.port, next++ % 4);
    }));
    // Every connection, admitted or refused, is closed by the server in the end.
    await waitFor(
      () => openDescriptors() <= before,
      () => `descriptors to fall back to ${before}; now ${openDescriptors()}`,
      15_000,
    );
    const refused = server.console.shown.filter((line) => line.startsWith("* refused")).length;
    const left = server.console.shown.filter((line) => / left|was disconnected/.test(line)).length;
    const joined = server.console.shown.filter((line) => line.includes(" joined from ")).length;
    // A client that resets before it is accepted never reaches the server: hence "at most".
    assertEquals(joined + refused <= cycles + 1 && joined + refused > cycles / 2, true);
    assertEquals(refused > 0, true, "some visits found the server full");
    assertEquals(left, joined, "every admitted client left the room");
    await using last = await server.join();
    assertEquals(last.lines.includes("* nobody else is here yet"), true);
  },
});
