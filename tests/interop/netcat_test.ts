/**
 * Interoperability with OpenBSD `nc` and Nmap `ncat`, both directions, both
 * sides sending: every byte arrives unchanged and everyone exits 0.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { randomBytes, sha256Hex } from "../_helpers/bytes.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { spawnTp1, startPipedServer } from "../_helpers/tp1.ts";

/**
 * How each tool listens and connects, sending its stdin and shutting down at its end.
 * Both tools, when listening, exit as soon as their client half-closes, even with
 * their own input unsent (`printf x | nc -N host port` against `nc -l < big` gets
 * nothing back); as clients they keep sending. So against a listening tool, tp1
 * may only finish sending once the tool's bytes have all arrived.
 */
const TOOLS = [
  {
    name: "nc",
    listen: (port: number) => ["-v", "-N", "-l", "127.0.0.1", String(port)],
    connect: (port: number) => ["-N", "127.0.0.1", String(port)],
  },
  {
    name: "ncat",
    listen: (port: number) => ["-v", "-l", "127.0.0.1", String(port)],
    connect: (port: number) => ["127.0.0.1", String(port)],
  },
] as const;

async function feed(process: ChildProcess, bytes: Uint8Array): Promise<void> {
  await process.write(bytes);
  await process.closeStdin();
}

/** Feeds both sides: at once, or the tool first when it cannot outlive tp1's half-close. */
async function exchange(
  toolListens: boolean,
  tp1: ChildProcess,
  toTp1: Uint8Array,
  tool: ChildProcess,
  toTool: Uint8Array,
): Promise<void> {
  if (toolListens) {
    await feed(tool, toTp1);
    await waitFor(
      () => tp1.stdoutBytes.length >= toTp1.length,
      `tp1 to receive ${tool.name}'s bytes`,
    );
    await feed(tp1, toTool);
  } else {
    await Promise.all([feed(tool, toTp1), feed(tp1, toTool)]);
  }
}

for (const tool of TOOLS) {
  const ignore = !hasCommand(tool.name);

  Deno.test({
    name:
      `tp1 connect and \`${tool.name} -l\` exchange 1 MiB each way unchanged (needs --allow-run and ${tool.name})`,
    ignore,
  }, async () => {
    const toTp1 = randomBytes(1024 * 1024);
    const toTool = randomBytes(1024 * 1024 + 3);
    const port = freePort();
    await using listener = new ChildProcess(tool.name, tool.listen(port));
    await listener.waitForStderr("Listening on");
    await using client = spawnTp1(["connect", "127.0.0.1", String(port)]);
    await exchange(true, client, toTp1, listener, toTool);
    const [fromTool, fromTp1] = await Promise.all([listener.finished(), client.finished()]);
    assertEquals(fromTp1.code, 0, fromTp1.stderr);
    assertEquals(fromTool.code, 0, fromTool.stderr);
    assertEquals(await sha256Hex(fromTp1.stdoutBytes), await sha256Hex(toTp1));
    assertEquals(await sha256Hex(fromTool.stdoutBytes), await sha256Hex(toTool));
  });

  Deno.test({
    name:
      `tp1 serve and a \`${tool.name}\` client exchange 1 MiB each way unchanged (needs --allow-run and ${tool.name})`,
    ignore,
  }, async () => {
    const toTp1 = randomBytes(1024 * 1024 + 5);
    const toTool = randomBytes(1024 * 1024);
    const port = freePort();
    await using server = await startPipedServer(port);
    await using client = new ChildProcess(tool.name, tool.connect(port));
    await exchange(false, server, toTp1, client, toTool);
    const [fromTp1, fromTool] = await Promise.all([server.finished(), client.finished()]);
    assertEquals(fromTp1.code, 0, fromTp1.stderr);
    assertEquals(fromTool.code, 0, fromTool.stderr);
    assertEquals(await sha256Hex(fromTp1.stdoutBytes), await sha256Hex(toTp1));
    assertEquals(await sha256Hex(fromTool.stdoutBytes), await sha256Hex(toTool));
  });
}
