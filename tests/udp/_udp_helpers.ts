/** Helpers for the UDP tests: a free UDP port, and `tp1 serve --udp -v` started and ready. */
import { UdpSocket } from "../../src/udp/udp_socket.ts";
import type { ChildProcess } from "../_helpers/child_process.ts";
import { spawnTp1 } from "../_helpers/tp1.ts";

/** A UDP port free on 127.0.0.1 a moment ago (the kernel picked it). */
export function freeUdpPort(): number {
  const socket = UdpSocket.open("IPv4");
  try {
    socket.bind("127.0.0.1", 0);
    return socket.localEndpoint().port;
  } finally {
    socket.close();
  }
}

/** Starts `tp1 serve --udp -v -p PORT --host 127.0.0.1 …extra` and waits until it is bound. */
export async function startUdpServer(
  port: number,
  extra: readonly string[] = [],
): Promise<ChildProcess> {
  const server = spawnTp1([
    "serve",
    "--udp",
    "-v",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
    ...extra,
  ]);
  try {
    await server.waitForStderr(`listening on UDP 127.0.0.1:${port}\n`);
  } catch (error) {
    await server[Symbol.asyncDispose]();
    throw error;
  }
  return server;
}

/** Waits until some process on this machine has UDP `port` bound (read from /proc, as tp1 port does). */
export async function waitForUdpBound(port: number): Promise<void> {
  const { findPortSockets } = await import("../../src/proc/port_holders.ts");
  const { waitFor } = await import("../_helpers/deadline.ts");
  await waitFor(
    async () =>
      (await findPortSockets(port, {}, ["udp"])).sockets.some((s) => s.local.port === port),
    `UDP port ${port} to be bound`,
  );
}
