import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { type ServerVerification, startTlsClient } from "../../src/tls/start_tls_client.ts";
import { TlsConnection } from "../../src/tls/tls_connection.ts";
import { TlsHandshakeError } from "../../src/tls/tls_errors.ts";
import { UserError } from "../../src/errors.ts";
import {
  closeQuietly,
  LOOPBACK_NAMES,
  loopbackCert,
  readText,
  rejection,
  writeText,
} from "./_tls_fixtures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A Deno.listenTls server on 127.0.0.1 that greets, then echoes what it reads until EOF. */
interface EchoServer {
  readonly port: number;
  /** What each finished connection received (text), or the error it ended with. */
  readonly seen: Promise<string | Error>[];
  close(): Promise<void>;
}

function echoServer(cert: { certPem: string; keyPem: string }): EchoServer {
  const listener = Deno.listenTls({
    hostname: "127.0.0.1",
    port: 0,
    cert: cert.certPem,
    key: cert.keyPem,
  });
  const seen: Promise<string | Error>[] = [];
  const conns = new Set<Deno.TlsConn>();
  const accepting = (async () => {
    for await (const conn of listener) {
      conns.add(conn);
      seen.push((async () => {
        let received = "";
        try {
          await conn.handshake();
          await writeText(conn, "hello\n");
          const buffer = new Uint8Array(64 * 1024);
          for (;;) {
            const n = await conn.read(buffer);
            if (n === null) break;
            received += new TextDecoder().decode(buffer.subarray(0, n));
            await conn.write(buffer.subarray(0, n));
          }
          return received;
        } catch (error) {
          return error as Error;
        } finally {
          conns.delete(conn);
          closeQuietly(conn);
        }
      })());
    }
  })();
  return {
    port: listener.addr.port,
    seen,
    async close() {
      listener.close();
      await accepting.catch(() => {});
      await withDeadline(Promise.all(seen), "the echo server's connections");
      for (const conn of conns) closeQuietly(conn);
    },
  };
}

/** Opens TCP to `port` and runs startTlsClient over it. */
async function dialTls(
  port: number,
  verify: ServerVerification,
  extra: { host?: string; handshakeTimeoutMs?: number; signal?: AbortSignal } = {},
): Promise<TlsConnection> {
  const tcp = await Deno.connect({ hostname: "127.0.0.1", port });
  return await startTlsClient(tcp, { host: extra.host ?? "127.0.0.1", verify, ...extra });
}

/** Sends `text`, half-closes, and reads everything the echo server sends back. */
async function talk(conn: TlsConnection, text: string): Promise<string> {
  await writeText(conn, text);
  await conn.closeWrite();
  return await readText(conn);
}

async function handshakeFailure(promise: Promise<unknown>): Promise<TlsHandshakeError> {
  const error = await rejection(promise);
  assert(error instanceof TlsHandshakeError, `expected a TlsHandshakeError, got ${error}`);
  assert(error instanceof UserError);
  return error;
}

Deno.test("startTlsClient() with a pin accepts the server whose certificate has that fingerprint", async () => {
  const cert = await loopbackCert();
  const server = echoServer(cert);
  try {
    const pin = cert.fingerprint.replaceAll(":", "").toLowerCase();
    const conn = await dialTls(server.port, { kind: "pin", fingerprint: pin });
    assertEquals(conn.peerCertificate?.fingerprint, cert.fingerprint);
    assertEquals(conn.peerCertificate?.pem, cert.certPem);
    assertEquals(conn.protocol, "TLSv1.3");
    assertEquals(await talk(conn, "ping\n"), "hello\nping\n");
    conn.close();
  } finally {
    await server.close();
  }
  assertEquals(await server.seen[0], "ping\n");
});

Deno.test("startTlsClient() with a wrong pin fails before sending anything, and closes the connection", async () => {
  const cert = await loopbackCert();
  const other = await generateSelfSignedCert({ names: LOOPBACK_NAMES });
  const server = echoServer(cert);
  try {
    const error = await handshakeFailure(
      dialTls(server.port, { kind: "pin", fingerprint: other.fingerprint }),
    );
    assertEquals(error.kind, "pin-mismatch");
    assert(error.message.includes(cert.fingerprint), error.message);
    assert(error.message.includes(other.fingerprint), error.message);
  } finally {
    await server.close();
  }
  const seen = await server.seen[0];
  assert(seen === "" || seen instanceof Error, `the server received ${String(seen)}`);
});

/** `fingerprint` (`AB:CD:…`) with only its byte number `index` (0-31) changed. */
function changeByte(fingerprint: string, index: number): string {
  const bytes = fingerprint.split(":");
  bytes[index] = bytes[index] === "00" ? "01" : "00";
  return bytes.join(":");
}

Deno.test("startTlsClient() refuses a pin that differs from the certificate's fingerprint only in its last byte, or only in a middle one", async () => {
  // A check of a prefix, or of the first byte, would let these through.
  const cert = await loopbackCert();
  const server = echoServer(cert);
  try {
    for (const index of [31, 16]) {
      const wrong = changeByte(cert.fingerprint, index);
      assertEquals(wrong.slice(0, 3 * index), cert.fingerprint.slice(0, 3 * index));
      const dialled = dialTls(server.port, { kind: "pin", fingerprint: wrong });
      // Should a wrong pin be taken, close that connection so the failure is reported, not a hang.
      const error = await handshakeFailure(dialled.then((conn) => (conn.close(), conn)));
      assertEquals(error.kind, "pin-mismatch", `byte ${index}: ${error.message}`);
      assert(error.message.includes(wrong), error.message);
    }
  } finally {
    await server.close();
  }
  for (const seen of server.seen) {
    const received = await seen;
    assert(received === "" || received instanceof Error, `the server received ${received}`);
  }
});

Deno.test("startTlsClient() with a pin accepts the pinned certificate even when expired or named otherwise", async () => {
  // The pin names one certificate exactly; its dates and names add nothing.
  const cert = await generateSelfSignedCert({
    names: ["elsewhere.test"],
    notBefore: new Date(Date.now() - 2 * DAY_MS),
    notAfter: new Date(Date.now() - DAY_MS),
  });
  const server = echoServer(cert);
  try {
    const conn = await dialTls(server.port, { kind: "pin", fingerprint: cert.fingerprint });
    assertEquals(await talk(conn, "x"), "hello\nx");
    conn.close();
  } finally {
    await server.close();
  }
});

Deno.test("startTlsClient() insecure accepts any certificate and still reports its fingerprint", async () => {
  const cert = await generateSelfSignedCert({ names: ["elsewhere.test"], isCa: true });
  const server = echoServer(cert);
  try {
    const conn = await dialTls(server.port, { kind: "insecure" });
    assertEquals(conn.peerCertificate?.fingerprint, cert.fingerprint);
    assertEquals(await talk(conn, "y"), "hello\ny");
    conn.close();
  } finally {
    await server.close();
  }
});

Deno.test("startTlsClient() with CA verification accepts a certificate from the given CA for the dialled name", async () => {
  const cert = await loopbackCert();
  const server = echoServer(cert);
  try {
    for (const host of ["127.0.0.1", "localhost"]) {
      const conn = await dialTls(server.port, { kind: "ca", caCerts: [cert.certPem] }, { host });
      assertEquals(await talk(conn, host), `hello\n${host}`);
      conn.close();
    }
  } finally {
    await server.close();
  }
});

Deno.test("startTlsClient() with CA verification refuses an unknown CA, a wrong name and an expired certificate", async () => {
  const cert = await loopbackCert();
  const expired = await generateSelfSignedCert({
    names: LOOPBACK_NAMES,
    notBefore: new Date(Date.now() - 2 * DAY_MS),
    notAfter: new Date(Date.now() - DAY_MS),
  });
  const cases: [string, { certPem: string; keyPem: string }, ServerVerification, string][] = [
    ["system roots only", cert, { kind: "ca" }, "127.0.0.1"],
    ["another CA", cert, { kind: "ca", caCerts: [expired.certPem] }, "127.0.0.1"],
    ["wrong name", cert, { kind: "ca", caCerts: [cert.certPem] }, "tp1.example"],
    ["expired", expired, { kind: "ca", caCerts: [expired.certPem] }, "127.0.0.1"],
  ];
  for (const [label, serverCert, verify, host] of cases) {
    const server = echoServer(serverCert);
    try {
      const error = await handshakeFailure(dialTls(server.port, verify, { host }));
      assertEquals(error.kind, "untrusted", `${label}: ${error.message}`);
      assertMatch(error.message, /is not trusted/);
    } finally {
      await server.close();
    }
  }
});

Deno.test("startTlsClient() says the server answered in plain text when a plain server greets first", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serverSide = (async () => {
    const conn = await listener.accept();
    await writeText(conn, "Welcome to the chat\n");
    const rest = await readText(conn).catch(() => "");
    conn.close();
    return rest;
  })();
  try {
    const error = await handshakeFailure(
      dialTls(listener.addr.port, { kind: "insecure" }, { handshakeTimeoutMs: 5000 }),
    );
    assertEquals(error.kind, "not-tls", error.message);
    assertMatch(error.message, /does not speak TLS \(it answered in plain text\): drop --tls$/);
  } finally {
    await withDeadline(serverSide, "the plain server to see the client go");
    listener.close();
  }
});

Deno.test("startTlsClient() gives up on a silent plain server after the time limit and really closes the socket", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serverSide = (async () => {
    const conn = await listener.accept();
    // The plain server reads the ClientHello as text, then must see end of stream.
    const received = await readText(conn).catch((error) => String(error));
    conn.close();
    return received;
  })();
  try {
    const error = await handshakeFailure(
      dialTls(listener.addr.port, { kind: "insecure" }, { handshakeTimeoutMs: 200 }),
    );
    assertEquals(error.kind, "timeout", error.message);
    assertMatch(error.message, /no TLS answer from 127\.0\.0\.1:\d+ within 0\.2 s/);
  } finally {
    const received = await withDeadline(serverSide, "the plain server to see end of stream");
    assertEquals(received.charCodeAt(0), 0x16, "the server should have received a ClientHello");
    listener.close();
  }
});

Deno.test("startTlsClient() rejects with the abort reason and closes when its signal aborts", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serverSide = (async () => {
    const conn = await listener.accept();
    await readText(conn).catch(() => "");
    conn.close();
  })();
  try {
    const controller = new AbortController();
    const pending = dialTls(listener.addr.port, { kind: "insecure" }, {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(new Error("interrupted by the user")), 50);
    const error = await rejection(pending);
    assert(error instanceof Error && error.message === "interrupted by the user", String(error));
  } finally {
    await withDeadline(serverSide, "the plain server to see end of stream");
    listener.close();
  }
});

Deno.test("startTlsClient() reports a server that closes during the handshake", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serverSide = (async () => {
    const conn = await listener.accept();
    await conn.read(new Uint8Array(4096));
    conn.close();
  })();
  try {
    const error = await handshakeFailure(dialTls(listener.addr.port, { kind: "insecure" }));
    assertEquals(error.kind, "closed", error.message);
  } finally {
    await serverSide;
    listener.close();
  }
});

Deno.test("startTlsClient() throws a TypeError for a pin that is not a SHA-256 fingerprint, closing the socket", async () => {
  const cert = await loopbackCert();
  const server = echoServer(cert);
  try {
    const error = await rejection(dialTls(server.port, { kind: "pin", fingerprint: "AB:CD" }));
    assert(error instanceof TypeError, String(error));
  } finally {
    await server.close();
  }
});

Deno.test("startTlsClient() quotes a tp1 server's plain-text notice (a refusal before TLS), escaping control characters", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serverSide = (async () => {
    const conn = await listener.accept();
    await writeText(conn, "* sorry, \x1b[2Jnot allowed\r\n");
    await conn.closeWrite();
    await readText(conn).catch(() => "");
    conn.close();
  })();
  try {
    const error = await handshakeFailure(
      dialTls(listener.addr.port, { kind: "insecure" }, { handshakeTimeoutMs: 5000 }),
    );
    assertEquals(error.kind, "not-tls", error.message);
    assertEquals(
      error.message,
      `127.0.0.1:${listener.addr.port} answered in plain text, not TLS: "* sorry, \\e[2Jnot allowed"`,
    );
  } finally {
    await withDeadline(serverSide, "the plain server to see the client go");
    listener.close();
  }
});
