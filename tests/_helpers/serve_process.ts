/**
 * `tp1 serve` in the background for the security tests: the chat room (which
 * logs to stdout when not on a terminal), and what a `--tls` server prints.
 */
import type { ChildProcess } from "./child_process.ts";
import { formatHostPort } from "../../src/core/host_port.ts";
import { freePort } from "./free_port.ts";
import { spawnTp1 } from "./tp1.ts";

/** A chat server process and the port it listens on. */
export interface ChatServer {
  readonly server: ChildProcess;
  readonly port: number;
}

/** Starts `tp1 serve --chat` on `host` (127.0.0.1 by default) and waits until it listens. */
export async function startChatServer(
  extraArgs: readonly string[] = [],
  host = "127.0.0.1",
): Promise<ChatServer> {
  const port = freePort(host);
  const server = spawnTp1(["serve", "--chat", "-p", String(port), "--host", host, ...extraArgs]);
  try {
    await server.waitForStdout(`tp1 chat room, listening on ${formatHostPort({ host, port })}`);
  } catch (error) {
    await server[Symbol.asyncDispose]();
    throw error;
  }
  return { server, port };
}

/** The SHA-256 fingerprint a `--tls` server printed ("TLS on: certificate SHA-256 fingerprint …"). */
export function printedFingerprint(output: string): string {
  const found = /TLS on: certificate SHA-256 fingerprint ((?:[0-9A-F]{2}:){31}[0-9A-F]{2})\n/
    .exec(output);
  if (!found) throw new Error(`no fingerprint in ${JSON.stringify(output)}`);
  return found[1];
}
