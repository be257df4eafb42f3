/**
 * The piped server's arrivals: every newcomer is accepted at once and checked
 * by the gate (TLS, address rules, password) concurrently, so one silent or
 * refused client never holds up the next; those that pass wait in order.
 */
import { acceptNext } from "../net/accept_next.ts";
import type { ConnectionGate } from "../gate/connection_gate.ts";
import { closeQuietly } from "../io/close_quietly.ts";

/** Accepts and checks clients in the background; hands out admitted ones in order. */
export class AdmittedClients {
  readonly #listener: Deno.TcpListener;
  readonly #gate: ConnectionGate;
  readonly #ready: Deno.TcpConn[] = [];
  #checking = 0;
  #accepting = true;
  #closed = false;
  #wake: (() => void) | undefined;

  constructor(
    listener: Deno.TcpListener,
    gate: ConnectionGate,
    onArrival: (tcp: Deno.TcpConn) => void,
  ) {
    this.#listener = listener;
    this.#gate = gate;
    this.#acceptLoop(onArrival);
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

  async #acceptLoop(onArrival: (tcp: Deno.TcpConn) => void): Promise<void> {
    for (;;) {
      const tcp = await acceptNext(this.#listener);
      if (tcp === undefined) break;
      onArrival(tcp);
      this.#checking++;
      this.#gate.admit(tcp).then((conn) => {
        this.#checking--;
        if (conn) this.#arrived(conn);
        this.#wake?.();
      });
    }
    this.#accepting = false;
    this.#wake?.();
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
