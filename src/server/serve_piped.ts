/**
 * `tp1 serve` with a pipe or file on stdin/stdout, like `nc -l`: one client
 * (or, with -k, client after client), its bytes to stdout unchanged.
 */
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import type { ConnectionGate } from "../gate/connection_gate.ts";
import { type Logger, notice } from "../terminal/stderr_log.ts";
import { AdmittedClients } from "./admitted_clients.ts";
import { pipeConnection } from "../pipe/pipe_connection.ts";
import { stdioEnds } from "../pipe/stdio_ends.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { t } from "../i18n/catalogue.ts";

/** Options for {@linkcode servePiped}. */
export interface ServePipedOptions {
  readonly keepOpen: boolean;
  readonly log: Logger;
  /** TLS, address rules and password; a refused client does not count. */
  readonly gate: ConnectionGate;
  /** With `--idle`: end a connection after this long without traffic. */
  readonly idleMs?: number;
  /** With `-k`: the most clients waiting their turn (`--max-waiting`). */
  readonly maxWaiting?: number;
}

/** Serves piped clients on `listener`; resolves to the exit code. */
export async function servePiped(
  listener: Deno.TcpListener,
  { keepOpen, log, gate, idleMs, maxWaiting }: ServePipedOptions,
): Promise<number> {
  log(t().server.listening(formatHostPort(fromNetAddr(listener.addr))));
  const ends = stdioEnds("serve");
  let exitCode = 0;
  const arrivals = new AdmittedClients(listener, {
    gate,
    maxWaiting,
    log,
    report: notice,
    onArrival: (tcp) => {
      log(t().server.connectionFrom(formatHostPort(fromNetAddr(tcp.remoteAddr))));
      tcp.setKeepAlive(true);
    },
  });
  for (;;) {
    const conn = await arrivals.next();
    if (conn === undefined) break;
    // Without -k the first admitted client is the only one: later ones are refused at once.
    if (!keepOpen) arrivals.close();
    const peer = formatHostPort(fromNetAddr(conn.remoteAddr));
    try {
      const { received, sent, idle } = await pipeConnection(conn, ends, idleMs);
      if (idle) notice(t().server.pipedIdle(peer, idleMs! / 1000));
      else log(t().server.pipedDone(peer, received, sent));
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
