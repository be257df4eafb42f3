/**
 * The piped server's arrivals: every newcomer is accepted at once and checked
 * by the gate (TLS, address rules, password) concurrently, so one silent or
 * refused client never holds up the next; those that pass wait in order.
 * Only so many may wait (`--max-waiting`): each holds a descriptor, and a
 * flood of them would use up the process's descriptors. Past the bound a
 * newcomer reads one line saying the server is busy and is let go.
 */
import type { ConnectionGate } from "../gate/connection_gate.ts";
import { closeQuietly } from "../io/close_quietly.ts";
import { PatientAcceptor } from "../net/accept_next.ts";
import { refuseConnection } from "../gate/refuse_connection.ts";
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import { t } from "../i18n/catalogue.ts";

/** The default `--max-waiting`: clients being checked or waiting their turn. */
export const DEFAULT_MAX_WAITING = 32;

/** Beyond this many refusals under way, a refused client is closed without lingering. */
const MAX_LINGERING_REFUSALS = 16;

/**
 * At this many refusals under way, accepting pauses until one is done: the
 * newcomers wait in the kernel's queue instead of each holding a descriptor.
 */
const MAX_REFUSALS = 64;

/** Options for {@linkcode AdmittedClients}. */
export interface AdmittedClientsOptions {
  /** TLS, address rules and password. */
  readonly gate: ConnectionGate;
  /** Called for every accepted connection, before any check. */
  readonly onArrival: (tcp: Deno.TcpConn) => void;
  /** The most clients being checked or waiting at once; more are refused. */
  readonly maxWaiting?: number;
  /** Where refusals are logged (verbose log). */
  readonly log: (line: string) => void;
  /** Where trouble accepting (out of descriptors) is reported: always shown. */
  readonly report: (line: string) => void;
}

/** Sent to a newcomer refused because too many clients are waiting already. */
export function busyLine(maxWaiting: number): string {
  return t().server.busy(maxWaiting);
}

/** Accepts and checks clients in the background; hands out admitted ones in order. */
export class AdmittedClients {
  readonly #listener: Deno.TcpListener;
  readonly #gate: ConnectionGate;
  readonly #maxWaiting: number;
  readonly #log: (line: string) => void;
  readonly #ready: Deno.TcpConn[] = [];
  #checking = 0;
  #refusing = 0;
  #accepting = true;
  #closed = false;
  #wake: (() => void) | undefined;
  #refusalDone: (() => void) | undefined;

  constructor(listener: Deno.TcpListener, options: AdmittedClientsOptions) {
    this.#listener = listener;
    this.#gate = options.gate;
    this.#maxWaiting = options.maxWaiting ?? DEFAULT_MAX_WAITING;
    this.#log = options.log;
    this.#acceptLoop(new PatientAcceptor(listener, options.report), options.onArrival);
  }

  /** How many clients are being checked or waiting to be served. */
  get waiting(): number {
    return this.#checking + this.#ready.length;
  }

  /** The next admitted client; undefined once the listener is closed and nobody is left. */
  async next(): Promise<Deno.TcpConn | undefined> {
    for (;;) {
      const ready = this.#ready.shift();
      if (ready) return ready;
      if (!this.#accepting && this.#checking === 0) return undefined;
      await new Promise<void>((resolve) => this.#wake = resolve);
    }
  }

  /** Stops accepting; clients still being checked or waiting are closed. */
  close(): void {
    this.#closed = true;
    closeQuietly(this.#listener);
    this.#gate.close();
    for (const conn of this.#ready.splice(0)) closeQuietly(conn);
  }

  async #acceptLoop(
    acceptor: PatientAcceptor,
    onArrival: (tcp: Deno.TcpConn) => void,
  ): Promise<void> {
    for (;;) {
      while (this.#refusing >= MAX_REFUSALS) {
        await new Promise<void>((resolve) => this.#refusalDone = resolve);
      }
      const tcp = await acceptor.next();
      if (tcp === undefined) break;
      onArrival(tcp);
      if (this.waiting >= this.#maxWaiting) {
        this.#refuse(tcp);
        continue;
      }
      this.#checking++;
      // Piped serve is nc -l: whatever a client sends is data, a TLS handshake included.
      this.#gate.admit(tcp, { bytesAreData: true }).then((conn) => {
        this.#checking--;
        if (conn) this.#arrived(conn);
        this.#wake?.();
      });
    }
    this.#accepting = false;
    this.#wake?.();
  }

  #refuse(tcp: Deno.TcpConn): void {
    const address = formatHostPort(fromNetAddr(tcp.remoteAddr));
    this.#log(t().server.refusedWaiting(address, this.#maxWaiting));
    // Refusals linger a little so the line arrives; a storm of them is not let hold many sockets.
    this.#refusing++;
    refuseConnection(tcp, busyLine(this.#maxWaiting), {
      lingerMs: this.#refusing > MAX_LINGERING_REFUSALS ? 0 : undefined,
    }).finally(() => {
      this.#refusing--;
      this.#refusalDone?.();
    });
  }

  #arrived(conn: Deno.TcpConn): void {
    // Checked after the server stopped taking clients: nobody will serve it.
    if (this.#closed) {
      closeQuietly(conn);
      return;
    }
    this.#ready.push(conn);
    this.#wake?.();
  }
}
