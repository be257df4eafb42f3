/** Two ends of one loopback TCP connection, closed together by `using`. */

/** A connected client and server end; `using` closes both (either may be closed already). */
export interface LoopbackPair extends Disposable {
  readonly client: Deno.TcpConn;
  readonly server: Deno.TcpConn;
}

/** Connects to a fresh `port: 0` listener on 127.0.0.1, then closes the listener. */
export async function loopbackPair(): Promise<LoopbackPair> {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const [client, server] = await Promise.all([
    Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port }),
    listener.accept(),
  ]);
  return {
    client,
    server,
    [Symbol.dispose]() {
      for (const conn of [client, server]) {
        try {
          conn.close();
        } catch { /* closed already */ }
      }
    },
  };
}
