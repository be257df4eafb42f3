/**
 * What `tp1 connect --tls` relies on in `startTlsClient()`: a refused server
 * certificate still shows its fingerprint (trust on first use) and a reason in
 * words, and nothing reaches the server before it is trusted.
 */
import { assert, assertEquals, assertMatch, assertThrows } from "../_helpers/assert.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { labPki, type ServerIdentity, v1Impostor } from "./_impostors.ts";
import { generateCaSignedCert, generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { type ServerVerification, startTlsClient } from "../../src/tls/start_tls_client.ts";
import { startTlsServer } from "../../src/tls/start_tls_server.ts";
import { TlsHandshakeError } from "../../src/tls/tls_errors.ts";
import {
  closeQuietly,
  LOOPBACK_NAMES,
  loopbackCert,
  readText,
  rejection,
  tcpPair,
  writeText,
} from "./_tls_fixtures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs one handshake over loopback: `startTlsServer` with `cert`, `startTlsClient`
 * with `verify` for `host`. On success the client sends "hello" and closes.
 * Returns the client's result and everything the server's application read.
 */
async function handshake(
  cert: ServerIdentity,
  verify: ServerVerification,
  host = "127.0.0.1",
): Promise<{ client: unknown; serverRead: string }> {
  const { client: tcp, server: serverTcp } = await tcpPair();
  const serverSide = startTlsServer(serverTcp, { cert: cert.certPem, key: cert.keyPem }).then(
    async (conn) => {
      try {
        return await readText(conn);
      } catch {
        return "";
      } finally {
        closeQuietly(conn);
      }
    },
    () => "",
  );
  let client: unknown;
  try {
    const conn = await startTlsClient(tcp, { host, verify, handshakeTimeoutMs: 5000 });
    await writeText(conn, "hello");
    conn.close();
    client = conn;
  } catch (error) {
    client = error;
  }
  const serverRead = await withDeadline(serverSide, "the server side to finish");
  return { client, serverRead };
}

function untrusted(client: unknown): TlsHandshakeError {
  assert(client instanceof TlsHandshakeError, `expected a TlsHandshakeError, got ${client}`);
  assertEquals(client.kind, "untrusted", client.message);
  return client;
}

Deno.test("startTlsClient() refuses a self-signed server by default but reports its fingerprint and PEM", async () => {
  const cert = await loopbackCert();
  const { client, serverRead } = await handshake(cert, { kind: "ca" });
  const error = untrusted(client);
  assertEquals(error.peerCertificate?.fingerprint, cert.fingerprint);
  assertEquals(error.peerCertificate?.pem, cert.certPem);
  assertEquals(error.detail, "self-signed certificate");
  assertMatch(error.message, /is not trusted \(self-signed certificate\)/);
  assertEquals(serverRead, "", "nothing may reach the server before it is trusted");
});

Deno.test("startTlsClient() says which names a certificate was made for when the dialled one is not among them", async () => {
  const cert = await loopbackCert();
  const { client, serverRead } = await handshake(
    cert,
    { kind: "ca", caCerts: [cert.certPem] },
    "vm1.example",
  );
  const error = untrusted(client);
  assertEquals(error.detail, "it was made for localhost, 127.0.0.1, ::1, not for vm1.example");
  assertEquals(error.peerCertificate?.fingerprint, cert.fingerprint);
  assertEquals(serverRead, "");
});

Deno.test("startTlsClient() says a certificate expired, or is not valid yet, with the date", async () => {
  const expired = await generateSelfSignedCert({
    names: LOOPBACK_NAMES,
    notBefore: new Date("2020-01-01T00:00:00Z"),
    notAfter: new Date("2020-02-01T12:30:00Z"),
  });
  const early = await generateSelfSignedCert({
    names: LOOPBACK_NAMES,
    notBefore: new Date(Date.now() + 2 * DAY_MS),
    notAfter: new Date(Date.now() + 3 * DAY_MS),
  });
  const late = untrusted(
    (await handshake(expired, { kind: "ca", caCerts: [expired.certPem] })).client,
  );
  assertEquals(late.detail, "it expired on 2020-02-01 12:30 UTC");
  const soon = untrusted((await handshake(early, { kind: "ca", caCerts: [early.certPem] })).client);
  assertMatch(soon.detail ?? "", /^it is not valid before \d{4}-\d\d-\d\d \d\d:\d\d UTC; check/);
});

Deno.test("startTlsClient() names the unknown CA that signed a refused certificate", async () => {
  const ca = await generateSelfSignedCert({ names: [], commonName: "Lab CA", isCa: true });
  const otherCa = await generateSelfSignedCert({ names: [], commonName: "Other CA", isCa: true });
  const cert = await generateCaSignedCert(ca, { names: LOOPBACK_NAMES });
  const refused = untrusted(
    (await handshake(cert, { kind: "ca", caCerts: [otherCa.certPem] })).client,
  );
  assertEquals(refused.detail, 'issued by "Lab CA", an authority not trusted here');
  const { client, serverRead } = await handshake(cert, { kind: "ca", caCerts: [ca.certPem] });
  assert(!(client instanceof Error), String(client));
  assertEquals(serverRead, "hello");
});

Deno.test("startTlsClient() attaches the server's certificate to a pin mismatch", async () => {
  const cert = await loopbackCert();
  const other = await generateSelfSignedCert({ names: LOOPBACK_NAMES });
  const { client, serverRead } = await handshake(cert, {
    kind: "pin",
    fingerprint: other.fingerprint,
  });
  assert(client instanceof TlsHandshakeError && client.kind === "pin-mismatch", String(client));
  assertEquals(client.peerCertificate?.fingerprint, cert.fingerprint);
  assertEquals(serverRead, "");
});

Deno.test("startTlsClient() closes the TCP connection when it refuses a certificate", async () => {
  // The refused handshake must close the TCP connection: the server sees its end at once.
  const cert = await loopbackCert();
  const { client: tcp, server: serverTcp } = await tcpPair();
  const serverSide = startTlsServer(serverTcp, { cert: cert.certPem, key: cert.keyPem })
    .then(async (conn) => {
      try {
        return await readText(conn);
      } finally {
        closeQuietly(conn);
      }
    }, (error: Error) => error.message);
  const error = await rejection(startTlsClient(tcp, { host: "127.0.0.1", verify: { kind: "ca" } }));
  assert(error instanceof TlsHandshakeError);
  assertEquals(typeof await withDeadline(serverSide, "the server to see the client go"), "string");
  assertThrows(() => tcp.close(), Deno.errors.BadResource);
});

Deno.test("startTlsClient() with --ca certificates refuses every impostor before sending anything, and accepts the good chain", async () => {
  const pki = await labPki();
  const trustCa: ServerVerification = { kind: "ca", caCerts: [pki.ca.certPem] };
  const signedByAnother = /names "Lab CA" as its issuer, but the key .* did not sign/;
  const impostors: [string, ServerIdentity, ServerVerification, RegExp, string][] = [
    ["v3 impostor", pki.v3Impostor, trustCa, signedByAnother, "127.0.0.1"],
    ["wrong-key signature", pki.wrongKey, trustCa, signedByAnother, "127.0.0.1"],
    ["expired", pki.expired, trustCa, /^it expired on /, "127.0.0.1"],
    [
      "wrong name",
      pki.otherName,
      trustCa,
      /^it was made for vm2\.lab\.test, not for 127/,
      "127.0.0.1",
    ],
  ];
  if (hasCommand("openssl")) {
    // Named by its common name only, so dialled as "localhost": Deno's node:tls took it for verified.
    const { caPem, impostor } = await v1Impostor();
    const trust: ServerVerification = { kind: "ca", caCerts: [caPem] };
    impostors.unshift(["v1 impostor", impostor, trust, signedByAnother, "localhost"]);
  }
  for (const [label, identity, verify, why, host] of impostors) {
    const { client, serverRead } = await handshake(identity, verify, host);
    const error = untrusted(client);
    assertMatch(error.detail ?? "", why, label);
    assertMatch(error.message, /is not trusted/, label);
    assertEquals(serverRead, "", `${label}: nothing may reach the server before it is trusted`);
  }
  const { client, serverRead } = await handshake(pki.good, trustCa);
  assert(!(client instanceof Error), String(client));
  assertEquals(serverRead, "hello");
});
