import { assertEquals } from "../_helpers/assert.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { sniffTls } from "../../src/tls/tls_sniff.ts";
import { closeQuietly, loopbackCert } from "./_tls_fixtures.ts";

Deno.test("sniffTls() recognises the ClientHello that Deno.connectTls sends to a plain server", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const client = await Deno.connectTls({ hostname: "127.0.0.1", port: listener.addr.port });
  const handshake = client.handshake().catch(() => {});
  const server = await listener.accept();
  try {
    const buffer = new Uint8Array(4096);
    const n = await withDeadline(server.read(buffer), "the ClientHello");
    assertEquals(sniffTls(buffer.subarray(0, n ?? 0)), "tls-handshake");
  } finally {
    server.close();
    closeQuietly(client);
    await handshake;
    listener.close();
  }
});

Deno.test("sniffTls() recognises the alert a TLS server sends back to a plain-text client", async () => {
  const cert = await loopbackCert();
  const listener = Deno.listenTls({
    hostname: "127.0.0.1",
    port: 0,
    cert: cert.certPem,
    key: cert.keyPem,
  });
  const client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const server = await listener.accept();
  const refused = server.handshake().catch(() => {});
  try {
    await client.write(new TextEncoder().encode("hello\n"));
    const buffer = new Uint8Array(64);
    const n = await withDeadline(client.read(buffer), "the alert");
    assertEquals(sniffTls(buffer.subarray(0, n ?? 0)), "tls-alert");
  } finally {
    await refused;
    closeQuietly(server);
    client.close();
    listener.close();
  }
});

Deno.test("sniffTls() calls text not TLS, and needs two bytes to decide", () => {
  const bytes = (text: string) => new TextEncoder().encode(text);
  assertEquals(sniffTls(bytes("hello\n")), "not-tls");
  assertEquals(sniffTls(bytes("GET / HTTP/1.1\r\n")), "not-tls");
  assertEquals(sniffTls(Uint8Array.of(0x16, 0x41)), "not-tls");
  assertEquals(sniffTls(Uint8Array.of(0x17, 0x03)), "tls-other");
  assertEquals(sniffTls(Uint8Array.of(0x16)), "unknown");
  assertEquals(sniffTls(new Uint8Array()), "unknown");
});
