/**
 * The interactive server: accepts newcomers, passes each through the gate (or
 * waits for the first that gets in, with `--once`), hands it to its lifecycle
 * (client_lifecycle.ts), and at the end stops accepting and closes everyone.
 */
import type { Room } from "../room/room.ts";
import type { ChatConsole } from "../terminal/prompt_console.ts";
import type { ConnectionGate } from "../gate/connection_gate.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { PatientAcceptor } from "../net/accept_next.ts";
import { type ClientLifecycleOptions, ServedClients } from "./client_lifecycle.ts";
import { t } from "../i18n/catalogue.ts";

/** Options for {@linkcode runServerSession}. */
export interface ServerSessionOptions extends Omit<ClientLifecycleOptions, "onClientGone"> {
  /** Stop after the first client leaves (the lab's original behaviour). */
  readonly once: boolean;
  /** What a newcomer passes first: TLS, address rules and password (`--tls`, `--allow`, `--password`…). */
  readonly gate: ConnectionGate;
}

/** Serves until the operator ends the session (or, with `once`, the first client leaves). */
export async function runServerSession(
  listener: Deno.Listener<Deno.TcpConn, Deno.NetAddr>,
  room: Room,
  console: ChatConsole,
  options: ServerSessionOptions,
): Promise<number> {
  let firstClientGone: () => void = () => {};
  const onceDone = new Promise<void>((resolve) => firstClientGone = resolve);
  const clients = new ServedClients(room, console, {
    ...options,
    onClientGone: options.once ? () => firstClientGone() : undefined,
  });
  const dispatcher = clients.dispatcher;

  /** TLS, address rules and password; undefined when the newcomer was refused. */
  const admit = (tcp: Deno.TcpConn) => options.gate.admit(tcp);
  const serveClient = (admitted: Deno.TcpConn) => void clients.serve(admitted);
  const track = (departure: Promise<void>) => clients.track(departure);

  console.onLine((text) => dispatcher.dispatch({ type: "operator", text }));
  const accepting = (async () => {
    // Out of file descriptors, or the like: said once when it starts and once when it clears.
    const acceptor = new PatientAcceptor(listener, (line) => console.show(`* ${line}`));
    for (;;) {
      const conn = await acceptor.next();
      if (conn === undefined) return; // the listener was closed: we are stopping
      if (options.once) {
        // A refused newcomer does not use up --once: wait for one that gets in.
        const admitted = await admit(conn);
        if (admitted === undefined) continue;
        listener.close();
        serveClient(admitted);
        return;
      }
      // A client let in is tracked by the lifecycle itself (serve), before this settles.
      track(
        admit(conn).then((admitted) => {
          if (admitted) serveClient(admitted);
        }),
      );
    }
  })();

  await Promise.race([console.ended, onceDone]);
  const stillConnected = dispatcher.count;
  closeQuietly(listener);
  // Newcomers still at the gate (a password not typed yet) are not waited for.
  options.gate.close();
  await accepting;
  await clients.closeAll();
  console.show(stoppedLine(stillConnected));
  await console.close();
  return 0;
}

/** The server's last line on the operator's screen. */
export function stoppedLine(disconnected: number): string {
  return disconnected === 0 ? t().server.stopped : t().server.stoppedDisconnected(disconnected);
}
