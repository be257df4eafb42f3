import { assertEquals, assertMatch } from "../_helpers/assert.ts";
/**
 * `verifyChain()`: what `tp1 connect --ca` trusts. Signatures are checked with
 * the issuer's key, so a certificate that only names a trusted CA is refused,
 * in words that say why.
 */
import { hasCommand } from "../_helpers/permissions.ts";
import { pemToDer } from "../../src/tls/cert_fingerprint.ts";
import { generateCaSignedCert, generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { type ChainVerdict, verifyChain } from "../../src/tls/verify_chain.ts";
import { labPki, v1Impostor } from "./_impostors.ts";
import { LOOPBACK_NAMES } from "./_tls_fixtures.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
const IMPOSTOR =
  /^it names "Lab CA" as its issuer, but the key of the trusted certificate of that name did not sign it: an impostor/;

function der(...pems: string[]): Uint8Array[] {
  return pems.map((pem) => pemToDer(pem));
}

function reason(verdict: ChainVerdict): string {
  assertEquals(verdict.trusted, false, "expected the chain to be refused");
  return verdict.trusted ? "" : verdict.reason;
}

Deno.test("verifyChain() accepts a certificate the trusted CA signed, for each of its names", async () => {
  const { ca, good } = await labPki();
  for (const host of ["127.0.0.1", "::1", "[::1]", "localhost", "LOCALHOST", "localhost."]) {
    assertEquals(verifyChain(der(good.certPem), [ca.certPem], host), { trusted: true }, host);
  }
  // A server that also sends its CA, or a chain gathered with more in it, changes nothing.
  assertEquals(verifyChain(der(good.certPem, ca.certPem), [ca.certPem], "127.0.0.1").trusted, true);
});

Deno.test("verifyChain() accepts a self-signed certificate trusted as such (--ca tp1-cert.pem)", async () => {
  const cert = await generateSelfSignedCert({ names: LOOPBACK_NAMES });
  assertEquals(verifyChain(der(cert.certPem), [cert.certPem], "127.0.0.1").trusted, true);
});

Deno.test("verifyChain() follows an intermediate CA the server sends to the trusted root", async () => {
  const root = await generateSelfSignedCert({ names: [], commonName: "Root", isCa: true });
  const middle = await generateCaSignedCert(root, { names: [], commonName: "Middle", isCa: true });
  const leaf = await generateCaSignedCert(middle, { names: LOOPBACK_NAMES });
  const chain = der(leaf.certPem, middle.certPem);
  assertEquals(verifyChain(chain, [root.certPem], "127.0.0.1").trusted, true);
  assertEquals(
    reason(verifyChain(der(leaf.certPem), [root.certPem], "127.0.0.1")),
    'issued by "Middle", an authority not trusted here',
  );
});

Deno.test("verifyChain() refuses a v3 impostor: another CA with the trusted CA's name signed it", async () => {
  const { ca, v3Impostor, impostorCa } = await labPki();
  assertMatch(reason(verifyChain(der(v3Impostor.certPem), [ca.certPem], "127.0.0.1")), IMPOSTOR);
  // Even when the impostor also sends its own "Lab CA".
  const chain = der(v3Impostor.certPem, impostorCa.certPem);
  assertMatch(
    reason(verifyChain(chain, [ca.certPem], "127.0.0.1")),
    /^it was signed by "Lab CA", but not by the trusted certificate of that name, which has another key: an impostor/,
  );
});

Deno.test("verifyChain() refuses a certificate whose names and key identifiers are the CA's but whose signature another key made", async () => {
  const { ca, wrongKey } = await labPki();
  assertMatch(reason(verifyChain(der(wrongKey.certPem), [ca.certPem], "127.0.0.1")), IMPOSTOR);
});

Deno.test("verifyChain() refuses a CA-signed certificate whose signature bytes were changed", async () => {
  const { ca, good } = await labPki();
  const tampered = pemToDer(good.certPem);
  tampered[tampered.length - 1] ^= 0x01; // The last byte of the ECDSA signature.
  assertMatch(reason(verifyChain([tampered], [ca.certPem], "127.0.0.1")), IMPOSTOR);
});

Deno.test({
  name:
    "verifyChain() refuses an X.509 v1 impostor naming the trusted CA as its issuer (needs openssl)",
  ignore: !hasCommand("openssl"),
}, async () => {
  const { caPem, impostor } = await v1Impostor();
  assertMatch(reason(verifyChain(der(impostor.certPem), [caPem], "localhost")), IMPOSTOR);
});

Deno.test("verifyChain() refuses an expired certificate, and one signed by an expired CA, with the date", async () => {
  const { ca, expired } = await labPki();
  assertMatch(
    reason(verifyChain(der(expired.certPem), [ca.certPem], "127.0.0.1")),
    /^it expired on \d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
  );
  const caOnly = await generateSelfSignedCert({
    names: [],
    commonName: "Old CA",
    isCa: true,
    notBefore: new Date(Date.now() - 3 * DAY_MS),
    notAfter: new Date(Date.now() - DAY_MS),
  });
  const leaf = await generateCaSignedCert(caOnly, { names: LOOPBACK_NAMES });
  assertMatch(
    reason(verifyChain(der(leaf.certPem), [caOnly.certPem], "127.0.0.1")),
    /^the CA certificate "Old CA": it expired on /,
  );
});

Deno.test("verifyChain() refuses a certificate made for another name, saying which names it has", async () => {
  const { ca, otherName, good } = await labPki();
  assertEquals(
    reason(verifyChain(der(otherName.certPem), [ca.certPem], "127.0.0.1")),
    "it was made for vm2.lab.test, not for 127.0.0.1",
  );
  assertEquals(
    reason(verifyChain(der(good.certPem), [ca.certPem], "vm1.lab.test")),
    "it was made for localhost, 127.0.0.1, ::1, not for vm1.lab.test",
  );
});

Deno.test("verifyChain() matches a wildcard name for exactly one label", async () => {
  const ca = await generateSelfSignedCert({ names: [], commonName: "Lab CA", isCa: true });
  const wild = await generateCaSignedCert(ca, { names: ["*.lab.test"] });
  const verdict = (host: string) => verifyChain(der(wild.certPem), [ca.certPem], host).trusted;
  assertEquals(verdict("vm1.lab.test"), true);
  assertEquals(verdict("VM1.Lab.Test"), true);
  assertEquals(verdict("lab.test"), false);
  assertEquals(verdict("a.vm1.lab.test"), false);
  assertEquals(verdict("vm1.lab.test.evil"), false);
});

Deno.test("verifyChain() refuses a certificate signed by a trusted certificate that is not a CA", async () => {
  const server = await generateSelfSignedCert({ names: ["server.lab.test"], commonName: "Server" });
  const signedByServer = await generateCaSignedCert(server, { names: LOOPBACK_NAMES });
  assertMatch(
    reason(verifyChain(der(signedByServer.certPem), [server.certPem], "127.0.0.1")),
    /^it was signed by "Server", a trusted certificate that is not a CA/,
  );
});

Deno.test("verifyChain() names an unknown issuer, and tells a self-signed certificate made again from the trusted one", async () => {
  const { good } = await labPki();
  const other = await generateSelfSignedCert({ names: [], commonName: "Other CA", isCa: true });
  assertEquals(
    reason(verifyChain(der(good.certPem), [other.certPem], "127.0.0.1")),
    'issued by "Lab CA", an authority not trusted here',
  );
  const before = await generateSelfSignedCert({ names: LOOPBACK_NAMES, commonName: "tp1 server" });
  const again = await generateSelfSignedCert({ names: LOOPBACK_NAMES, commonName: "tp1 server" });
  assertMatch(
    reason(verifyChain(der(again.certPem), [before.certPem], "127.0.0.1")),
    /^it is self-signed, but not the trusted certificate of that name \("tp1 server"\)/,
  );
  assertEquals(
    reason(verifyChain(der(again.certPem), [other.certPem], "127.0.0.1")),
    "self-signed certificate",
  );
});

Deno.test("verifyChain() refuses a server certificate it cannot read, and ignores an unreadable trusted one", async () => {
  const { ca, good } = await labPki();
  assertEquals(
    reason(verifyChain([Uint8Array.of(0x30, 0x03, 1, 2, 3)], [ca.certPem], "127.0.0.1")),
    "its certificate cannot be read as X.509",
  );
  const garbage = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  assertEquals(verifyChain(der(good.certPem), [garbage, ca.certPem], "127.0.0.1").trusted, true);
  assertEquals(verifyChain(der(good.certPem), [garbage], "127.0.0.1").trusted, false);
});
