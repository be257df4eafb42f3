/**
 * `tp1 serve` with a pipe or file on stdin/stdout, like `nc -l`: one client
 * (or, with -k, client after client), its bytes to stdout unchanged.
 */
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import type { ConnectionGate } from "../session/connection_gate.ts";
import { type Logger, notice } from "../terminal/terminal_facts.ts";
import { pipeConnection } from "./pipe_connection.ts";
import { stdioEnds } from "./stdio_ends.ts";

/** Options for {@linkcode servePiped}. */
export interface ServePipedOptions {
  readonly keepOpen: boolean;
  readonly log: Logger;
  /** TLS, address rules and password, when configured; a refused client does not count. */
  readonly gate?: ConnectionGate;
  /** With `--idle`: end a connection after this long without traffic. */
  readonly idleMs?: number;
}

/** Serves piped clients on `listener`; resolves to the exit code. */
export async function servePiped(
  listener: Deno.TcpListener,
  { keepOpen, log, gate, idleMs }: ServePipedOptions,
): Promise<number> {
  log(`listening on ${formatHostPort(fromNetAddr(listener.addr))}`);
  const ends = stdioEnds();
  let exitCode = 0;
  for (;;) {
    const tcp = await acceptNext(listener);
    if (tcp === undefined) break;
    const peer = formatHostPort(fromNetAddr(tcp.remoteAddr));
    log(`connection from ${peer}`);
    tcp.setKeepAlive(true);
    const conn = gate ? await gate.admit(tcp) : tcp;
    if (conn === undefined) continue;
    // Without -k a second client is refused at once rather than left waiting.
    if (!keepOpen) listener.close();
    try {
      const { received, sent, idle } = await pipeConnection(conn, ends, idleMs);
      if (idle) notice(`${peer}: no traffic for ${idleMs! / 1000} s (--idle): connection closed`);
      else log(`${peer} done: received ${received} bytes, sent ${sent} bytes`);
      exitCode = 0;
    } catch (error) {
      if (!keepOpen) throw error;
      log(`${peer}: ${error instanceof Error ? error.message : String(error)}`);
      exitCode = 1;
    } finally {
      closeQuietly(conn);
    }
    if (!keepOpen) break;
  }
  return exitCode;
}

/**
 * The next connection, or undefined once the listener is closed. A client that
 * reset while waiting to be accepted is skipped: it is no reason to stop serving.
 */
async function acceptNext(listener: Deno.TcpListener): Promise<Deno.TcpConn | undefined> {
  for (;;) {
    try {
      return await listener.accept();
    } catch (error) {
      if (error instanceof Deno.errors.BadResource || error instanceof Deno.errors.Interrupted) {
        return undefined;
      }
      const gone = error instanceof Deno.errors.NotConnected ||
        error instanceof Deno.errors.ConnectionAborted ||
        error instanceof Deno.errors.ConnectionReset;
      if (!gone) throw error;
    }
  }
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}
