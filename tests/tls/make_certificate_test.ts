import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { X509Certificate } from "node:crypto";
import { hasCommand } from "../_helpers/permissions.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import {
  type CertifiedKey,
  DEFAULT_VALIDITY_DAYS,
  generateCaSignedCert,
  generateSelfSignedCert,
} from "../../src/tls/make_certificate.ts";
import {
  closeQuietly,
  LOOPBACK_NAMES,
  loopbackCert,
  readText,
  rejection,
} from "./_tls_fixtures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Serves `server` with Deno.listenTls, dials it with Deno.connectTls, and returns
 * what each side saw: the text received, or the error.
 */
async function denoTlsRoundTrip(
  server: CertifiedKey,
  connect: Omit<Deno.ConnectTlsOptions, "port">,
): Promise<{ client: string | Error; server: string | Error }> {
  const listener = Deno.listenTls({
    hostname: "127.0.0.1",
    port: 0,
    cert: server.certPem,
    key: server.keyPem,
  });
  const serverSide = (async () => {
    const conn = await listener.accept();
    try {
      await conn.write(new TextEncoder().encode("hello from server"));
      await conn.closeWrite();
      return await readText(conn);
    } catch (error) {
      return error as Error;
    } finally {
      closeQuietly(conn);
    }
  })();
  let client: string | Error;
  let conn: Deno.TlsConn | undefined;
  try {
    conn = await Deno.connectTls({ ...connect, port: listener.addr.port });
    await conn.write(new TextEncoder().encode("hello from client"));
    await conn.closeWrite();
    client = await readText(conn);
  } catch (error) {
    client = error as Error;
  } finally {
    closeQuietly(conn);
  }
  const seenByServer = await withDeadline(serverSide, "the server side");
  listener.close();
  return { client, server: seenByServer };
}

Deno.test("generateSelfSignedCert() lists DNS names and IPv4 and IPv6 addresses in subjectAltName", async () => {
  const cert = await generateSelfSignedCert({
    names: ["localhost", "127.0.0.1", "::1", "[fe80::1]", "*.lab.test", "192.168.1.20"],
  });
  const x509 = new X509Certificate(cert.certPem);
  assertEquals(
    x509.subjectAltName,
    "DNS:localhost, IP Address:127.0.0.1, IP Address:::1, IP Address:fe80::1, " +
      "DNS:*.lab.test, IP Address:192.168.1.20",
  );
  assertEquals(x509.subject, "CN=localhost");
  assertEquals(x509.issuer, x509.subject);
  assertEquals(x509.ca, false);
  assert(x509.verify(x509.publicKey), "the certificate should verify with its own key");
  assert(x509.checkPrivateKey((await import("node:crypto")).createPrivateKey(cert.keyPem)));
  assertMatch(cert.keyPem, /^-----BEGIN PRIVATE KEY-----\n/);
});

Deno.test("generateSelfSignedCert() is valid from a few minutes ago for validityDays days", async () => {
  const before = Date.now();
  const cert = await generateSelfSignedCert({ names: ["localhost"], validityDays: 3 });
  const x509 = new X509Certificate(cert.certPem);
  const from = Date.parse(x509.validFrom);
  const to = Date.parse(x509.validTo);
  assert(from < before && from > before - 10 * 60 * 1000, x509.validFrom);
  assert(Math.abs(to - (before + 3 * DAY_MS)) < 60 * 1000, x509.validTo);
  const defaulted = new X509Certificate((await generateSelfSignedCert({ names: ["x"] })).certPem);
  assert(
    Math.abs(Date.parse(defaulted.validTo) - (before + DEFAULT_VALIDITY_DAYS * DAY_MS)) < 60_000,
  );
});

Deno.test("generateSelfSignedCert() writes dates from 2050 on as GeneralizedTime", async () => {
  const notAfter = new Date("2061-02-03T04:05:06Z");
  const x509 = new X509Certificate(
    (await generateSelfSignedCert({ names: ["localhost"], notAfter })).certPem,
  );
  assertEquals(Date.parse(x509.validTo), notAfter.getTime());
});

Deno.test("generateSelfSignedCert() throws a TypeError for a name that is neither a host name nor an IP address", async () => {
  for (const name of ["bad name", "http://x", "1.2.3.4.5:80", "a..b", ""]) {
    const error = await rejection(generateSelfSignedCert({ names: [name] }));
    assert(error instanceof TypeError, `for ${JSON.stringify(name)}: ${error}`);
  }
  assert(await rejection(generateSelfSignedCert({ names: [] })) instanceof TypeError);
});

Deno.test("generateSelfSignedCert() throws a RangeError when validity ends before it starts", async () => {
  const error = await rejection(
    generateSelfSignedCert({ names: ["x"], notBefore: new Date(), notAfter: new Date(0) }),
  );
  assert(error instanceof RangeError);
});

Deno.test("a generated certificate passed as caCerts carries a Deno.listenTls / Deno.connectTls round trip", async () => {
  const cert = await loopbackCert();
  for (const hostname of ["127.0.0.1", "localhost"]) {
    const seen = await denoTlsRoundTrip(cert, { hostname, caCerts: [cert.certPem] });
    assertEquals(seen, { client: "hello from server", server: "hello from client" });
  }
});

Deno.test("Deno.connectTls refuses a generated certificate that has expired", async () => {
  const cert = await generateSelfSignedCert({
    names: LOOPBACK_NAMES,
    notBefore: new Date(Date.now() - 2 * DAY_MS),
    notAfter: new Date(Date.now() - DAY_MS),
  });
  const { client } = await denoTlsRoundTrip(cert, {
    hostname: "127.0.0.1",
    caCerts: [cert.certPem],
  });
  assert(client instanceof Deno.errors.InvalidData, String(client));
  assertMatch(client.message, /certificate expired/);
});

Deno.test("Deno.connectTls refuses a generated certificate made for other names", async () => {
  const cert = await generateSelfSignedCert({ names: ["localhost"] });
  const { client } = await denoTlsRoundTrip(cert, {
    hostname: "127.0.0.1",
    caCerts: [cert.certPem],
  });
  assert(client instanceof Deno.errors.InvalidData, String(client));
  assertMatch(client.message, /certificate not valid for name "127\.0\.0\.1"/);
});

Deno.test("Deno.connectTls refuses a self-signed CA certificate used as the server's own", async () => {
  // Why generateSelfSignedCert() marks server certificates CA:FALSE (and why an
  // `openssl req -x509` certificate, CA:TRUE by default, fails with Deno).
  const cert = await generateSelfSignedCert({ names: LOOPBACK_NAMES, isCa: true });
  const { client } = await denoTlsRoundTrip(cert, {
    hostname: "127.0.0.1",
    caCerts: [cert.certPem],
  });
  assert(client instanceof Deno.errors.InvalidData, String(client));
  assertMatch(client.message, /CaUsedAsEndEntity/);
});

Deno.test("generateCaSignedCert() makes a certificate Deno.connectTls trusts through its CA only", async () => {
  const ca = await generateSelfSignedCert({ names: [], commonName: "tp1 test CA", isCa: true });
  const server = await generateCaSignedCert(ca, { names: LOOPBACK_NAMES });
  assertEquals(new X509Certificate(ca.certPem).ca, true);
  assert(new X509Certificate(server.certPem).checkIssued(new X509Certificate(ca.certPem)));
  const trusted = await denoTlsRoundTrip(server, { hostname: "127.0.0.1", caCerts: [ca.certPem] });
  assertEquals(trusted, { client: "hello from server", server: "hello from client" });
  const other = await generateSelfSignedCert({ names: [], commonName: "other CA", isCa: true });
  const { client } = await denoTlsRoundTrip(server, {
    hostname: "127.0.0.1",
    caCerts: [other.certPem],
  });
  assert(client instanceof Deno.errors.InvalidData, String(client));
  assertMatch(client.message, /UnknownIssuer/);
});

Deno.test({
  name: "openssl parses a generated certificate and verifies a CA-signed one" +
    (hasCommand("openssl") ? "" : " (skipped: needs --allow-run and openssl)"),
  ignore: !hasCommand("openssl") || !hasCommand("bash"),
  async fn() {
    const ca = await generateSelfSignedCert({ names: [], commonName: "tp1 test CA", isCa: true });
    const server = await generateCaSignedCert(ca, { names: ["127.0.0.1"] });
    const text = await bash('printf "%s" "$1" | openssl x509 -noout -text', server.certPem);
    assertMatch(text, /CA:FALSE/);
    assertMatch(text, /IP Address:127\.0\.0\.1/);
    assertMatch(text, /TLS Web Server Authentication/);
    const verified = await bash(
      'openssl verify -x509_strict -CAfile <(printf "%s" "$1") <(printf "%s" "$2")',
      ca.certPem,
      server.certPem,
    );
    assertMatch(verified, /: OK$/m);
  },
});

/** Runs a bash script with `args` as $1, $2, …; returns stdout and stderr, failing on a non-zero exit. */
async function bash(script: string, ...args: string[]): Promise<string> {
  const { code, stdout, stderr } = await new Deno.Command("bash", {
    args: ["-c", script, "bash", ...args],
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const out = new TextDecoder().decode(stdout) + new TextDecoder().decode(stderr);
  assertEquals(code, 0, out);
  return out;
}
