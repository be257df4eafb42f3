/**
 * UDP interoperability, both ways, over loopback: OpenBSD `nc -u`, Nmap
 * `ncat -u`, `socat` and the connectionless lab's Python scripts (sendto /
 * recvfrom(1024)). Binary bytes (NUL, 0xFF) arrive unchanged, and replies come back.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { fixturePath } from "../_helpers/fixtures.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { runTp1 } from "../_helpers/tp1.ts";
import { freeUdpPort, startUdpServer, waitForUdpBound } from "../udp/_udp_helpers.ts";

const BINARY = new Uint8Array([0x68, 0x69, 0x00, 0xff, 0x0a]);

/** How each tool listens (answering its first sender with its stdin) and sends its stdin. */
const TOOLS = [
  {
    name: "nc",
    listen: (port: number) => ["-u", "-l", "127.0.0.1", String(port)],
    send: (port: number) => ["-u", "-q", "1", "127.0.0.1", String(port)],
  },
  {
    name: "ncat",
    listen: (port: number) => ["-u", "-l", "127.0.0.1", String(port)],
    send: (port: number) => ["-u", "127.0.0.1", String(port)],
  },
  {
    name: "socat",
    listen: (port: number) => [`UDP-LISTEN:${port},bind=127.0.0.1`, "-"],
    send: (port: number) => ["-", `UDP:127.0.0.1:${port}`],
  },
] as const;

for (const tool of TOOLS) {
  const ignore = !hasCommand(tool.name);

  Deno.test({
    name: `tp1 connect --udp sends binary bytes to "${tool.name}" listening, and gets its reply`,
    ignore,
  }, async () => {
    const port = freeUdpPort();
    await using listener = new ChildProcess(tool.name, tool.listen(port));
    await listener.write("reply\n");
    await waitForUdpBound(port);
    const client = await runTp1(["connect", "--udp", "127.0.0.1", String(port)], BINARY);
    assertEquals(client.code, 0, client.stderr);
    assertEquals(client.stdout, "reply\n");
    await listener.waitForStdout("hi");
    assertEquals(listener.stdoutBytes, BINARY);
  });

  Deno.test({
    name: `tp1 serve --udp receives "${tool.name}"'s binary bytes unchanged`,
    ignore,
  }, async () => {
    const port = freeUdpPort();
    await using server = await startUdpServer(port);
    await using sender = new ChildProcess(tool.name, tool.send(port));
    await sender.write(BINARY);
    await sender.closeStdin();
    await server.waitForStdout("hi");
    assertEquals(server.stdoutBytes, BINARY);
  });
}

const ignorePython = !hasCommand("python3");

Deno.test({
  name: "tp1 connect --udp talks to the lab's Python UDP server (recvfrom(1024), sendto)",
  ignore: ignorePython,
}, async () => {
  const port = freeUdpPort();
  await using server = new ChildProcess("python3", [
    fixturePath("lab_udp_server.py"),
    String(port),
  ]);
  await server.waitForStdout("ready\n");
  const first = await runTp1(["connect", "--udp", `127.0.0.1:${port}`], "bonjour\n");
  assertEquals(first.code, 0, first.stderr);
  assertEquals(first.stdout, "ACK bonjour\n");
  const last = await runTp1(["connect", "--udp", `127.0.0.1:${port}`], "exit\n");
  assertEquals(last.stdout, "ACK exit\n");
  const done = await server.finished();
  assertEquals(done.code, 0);
  assertEquals(
    done.stdout.replace(/:\d+ :/g, ":PORT :"),
    "ready\nfrom 127.0.0.1:PORT : bonjour\n\nfrom 127.0.0.1:PORT : exit\n\n",
  );
});

Deno.test({
  name: "the lab's Python UDP client gets tp1 serve --udp's answer",
  ignore: ignorePython,
}, async () => {
  const port = freeUdpPort();
  await using server = await startUdpServer(port);
  await server.write("bonjour du serveur\n");
  await using client = new ChildProcess("python3", [
    fixturePath("lab_udp_client.py"),
    String(port),
  ]);
  await client.write("salut\n");
  await client.closeStdin();
  const done = await client.finished();
  assertEquals(done.stdout, "from server bonjour du serveur\n\n");
  await server.waitForStdout("salut");
  assertEquals(server.stdout, "salut");
});
