/** Loopback sockets and certificates shared by the TLS tests; everything they open, they close. */
import { type CertifiedKey, generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { startTlsClient } from "../../src/tls/start_tls_client.ts";

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

/**
 * The first bytes a real TLS client sends: the ClientHello that `startTlsClient`
 * writes for `host` (sent as SNI when it is a name), caught on a plain socket.
 */
export async function clientHello(host: string): Promise<Uint8Array> {
  const { client, server } = await tcpPair();
  // The client waits for an answer that never comes; closing its side below ends it.
  const pending = startTlsClient(client, {
    host,
    verify: { kind: "insecure" },
    handshakeTimeoutMs: 5000,
  }).catch(() => undefined);
  try {
    const buffer = new Uint8Array(16 * 1024);
    const n = await server.read(buffer);
    if (n === null) throw new Error("the TLS client sent nothing");
    return buffer.slice(0, n);
  } finally {
    server.close();
    await pending;
  }
}

/** `bytes` with the first occurrence of `from` replaced by `to`, which has the same length. */
export function replaceBytes(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const encoder = new TextEncoder();
  const [needle, replacement] = [encoder.encode(from), encoder.encode(to)];
  if (needle.length !== replacement.length) {
    throw new Error("lengths differ: TLS lengths would lie");
  }
  for (let at = 0; at + needle.length <= bytes.length; at++) {
    if (needle.every((b, i) => bytes[at + i] === b)) {
      const out = bytes.slice();
      out.set(replacement, at);
      return out;
    }
  }
  throw new Error(`"${from}" is not in the bytes`);
}

/**
 * What a hostile or broken client may send first to a TLS server, each of which
 * TLS refuses at once. Once, Deno's `node:tls` crashed the whole process on each.
 */
export async function hostileFirstRecords(): Promise<[string, Uint8Array][]> {
  // "abcde" and "bad-name1" have the lengths of the invalid names put in their place.
  const [fiveLetters, nineLetters] = await Promise.all([
    clientHello("abcde"),
    clientHello("bad-name1"),
  ]);
  const corrupted = fiveLetters.slice();
  corrupted[5] = 0xff; // The handshake message type: not a ClientHello any more.
  return [
    ["a TLS alert as the first record", Uint8Array.of(0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28)],
    ["a record header claiming length 0xffff", Uint8Array.of(0x16, 0x03, 0x01, 0xff, 0xff, 1, 0)],
    ["a zero-length record", Uint8Array.of(0x16, 0x03, 0x01, 0x00, 0x00)],
    ["a zeroed record", Uint8Array.of(0x16, 0x03, ...new Array<number>(64).fill(0))],
    ["a corrupted ClientHello", corrupted],
    ["a ClientHello with SNI bad_name!", replaceBytes(nineLetters, "bad-name1", "bad_name!")],
    ["a ClientHello with SNI [::1] (as socat sends)", replaceBytes(fiveLetters, "abcde", "[::1]")],
  ];
}
