/**
 * Holds a server process stopped (SIGSTOP) while a client connects and sends
 * its first bytes, so the server finds them already there when it accepts.
 * A plain server waits a moment for a newcomer's first bytes, to tell a TLS
 * handshake from a client that waits to be spoken to; a real `tp1 connect
 * --tls` on a loaded machine (a parallel test run beside other work) once took
 * longer than that between connecting and its ClientHello, and was let in as a
 * silent plain client. Holding the server makes "the ClientHello came at once"
 * true on any machine, without a longer wait. Linux only (/proc).
 */
import { waitFor } from "./deadline.ts";
import { findPortSockets } from "../../src/proc/port_holders.ts";

/** Whether every thread of `pid` is stopped (state T in /proc/PID/task/TID/stat). */
async function isStopped(pid: number): Promise<boolean> {
  for await (const task of Deno.readDir(`/proc/${pid}/task`)) {
    const stat = await Deno.readTextFile(`/proc/${pid}/task/${task.name}/stat`).catch(() => "");
    // "TID (comm) STATE ...": the command name may hold spaces and parentheses.
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state !== "" && state !== "T" && state !== "t") return false;
  }
  return true;
}

/**
 * Bytes waiting unread on the established connections to local TCP `port`
 * (the rx_queue column of /proc/net/tcp and tcp6), those not accepted yet included.
 */
export async function unreadBytesTo(port: number): Promise<number> {
  let unread = 0;
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const text = await Deno.readTextFile(file).catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue ...
      const [, local, , state, queues] = line.trim().split(/\s+/);
      if (!local || state !== "01") continue;
      if (parseInt(local.slice(local.lastIndexOf(":") + 1), 16) !== port) continue;
      unread += parseInt(queues.split(":")[1], 16);
    }
  }
  return unread;
}

/** The pid of the process listening on local TCP `port` (read from /proc). */
export async function listenerPid(port: number): Promise<number> {
  return await waitFor(async () => {
    const usage = await findPortSockets(port);
    const listening = usage.sockets.find((socket) => socket.state === "LISTEN");
    return listening?.owners[0]?.pid;
  }, `the process listening on port ${port}`);
}

/**
 * Stops `serverPid`, runs `client` (which connects to `port` and speaks first),
 * and lets the server go on once the client's first bytes wait unread on its
 * connection; returns what `client` returns. The server is let go on failure too.
 */
export async function withFirstBytesWaiting<T>(
  serverPid: number,
  port: number,
  client: () => Promise<T>,
): Promise<T> {
  Deno.kill(serverPid, "SIGSTOP");
  let held = true;
  const letGo = () => {
    if (held) Deno.kill(serverPid, "SIGCONT");
    held = false;
  };
  try {
    await waitFor(() => isStopped(serverPid), `process ${serverPid} to stop`);
    const running = client();
    // A client that ends without sending (a failure) must not leave this waiting.
    let ended = false;
    running.then(() => ended = true, () => ended = true);
    await waitFor(
      async () => ended || await unreadBytesTo(port) > 0,
      `the client's first bytes on a connection to port ${port}`,
    );
    letGo();
    return await running;
  } finally {
    letGo();
  }
}
