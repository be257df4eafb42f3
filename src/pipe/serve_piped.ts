/**
 * `tp1 serve` with a pipe or file on stdin/stdout, like `nc -l`: one client
 * (or, with -k, client after client), its bytes to stdout unchanged.
 */
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import type { Logger } from "../terminal/terminal_facts.ts";
import { pipeConnection } from "./pipe_connection.ts";
import { stdioEnds } from "./stdio_ends.ts";

/** Options for {@linkcode servePiped}. */
export interface ServePipedOptions {
  readonly keepOpen: boolean;
  readonly log: Logger;
}

/** Serves piped clients on `listener`; resolves to the exit code. */
export async function servePiped(
  listener: Deno.TcpListener,
  { keepOpen, log }: ServePipedOptions,
): Promise<number> {
  log(`listening on ${formatHostPort(fromNetAddr(listener.addr))}`);
  const ends = stdioEnds();
  let exitCode = 0;
  try {
    for await (const conn of listener) {
      // Without -k a second client is refused at once rather than left waiting.
      if (!keepOpen) listener.close();
      const peer = formatHostPort(fromNetAddr(conn.remoteAddr));
      log(`connection from ${peer}`);
      try {
        conn.setKeepAlive(true);
        const { received, sent } = await pipeConnection(conn, ends);
        log(`${peer} done: received ${received} bytes, sent ${sent} bytes`);
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
  } catch (error) {
    if (!(error instanceof Deno.errors.BadResource)) throw error;
  }
  return exitCode;
}

function closeQuietly(conn: Deno.Conn): void {
  try {
    conn.close();
  } catch {
    // Already closed.
  }
}
