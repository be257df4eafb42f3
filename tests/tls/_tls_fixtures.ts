/** Loopback sockets and certificates shared by the TLS tests; everything they open, they close. */
import { type CertifiedKey, generateSelfSignedCert } from "../../src/tls/make_certificate.ts";

/** The names every test certificate is made for. */
export const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"];

let shared: Promise<CertifiedKey> | undefined;

/** One server certificate for 127.0.0.1 / ::1 / localhost, made once per test file. */
export function loopbackCert(): Promise<CertifiedKey> {
  shared ??= generateSelfSignedCert({ names: LOOPBACK_NAMES });
  return shared;
}

/** Two ends of one loopback TCP connection, and a way to close everything left open. */
export interface TcpPair {
  readonly client: Deno.TcpConn;
  readonly server: Deno.TcpConn;
}

/** Opens a TCP connection to a fresh `port: 0` listener on 127.0.0.1, then closes the listener. */
export async function tcpPair(): Promise<TcpPair> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const [client, server] = await Promise.all([
      Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port }),
      listener.accept(),
    ]);
    return { client, server };
  } finally {
    listener.close();
  }
}

/** Closes a connection unless it is closed already. */
export function closeQuietly(conn: { close(): void } | undefined): void {
  try {
    conn?.close();
  } catch {
    // Closed already.
  }
}

/** Reads `conn` to its end and returns the bytes as text. */
export async function readText(conn: Deno.Conn): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const buffer = new Uint8Array(4096);
  for (;;) {
    const n = await conn.read(buffer);
    if (n === null) return text + decoder.decode();
    text += decoder.decode(buffer.subarray(0, n), { stream: true });
  }
}

/** Writes all of `text` to `conn`. */
export async function writeText(conn: Deno.Conn, text: string): Promise<void> {
  const bytes = new TextEncoder().encode(text);
  for (let at = 0; at < bytes.length;) at += await conn.write(bytes.subarray(at));
}

/** Resolves with what a promise rejected with; fails if it fulfilled. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject, but it fulfilled");
}
