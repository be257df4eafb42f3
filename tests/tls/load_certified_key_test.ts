import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { X509Certificate } from "node:crypto";
import { isCaCertificate, loadCertifiedKey } from "../../src/tls/load_certified_key.ts";
import { generateCaSignedCert, generateSelfSignedCert } from "../../src/tls/make_certificate.ts";

Deno.test("loadCertifiedKey() reads back a generated CA so that it can sign again", async () => {
  const ca = await generateSelfSignedCert({ names: [], commonName: "tp1 lab CA", isCa: true });
  const loaded = await loadCertifiedKey(ca.certPem, ca.keyPem);
  assertEquals(loaded.fingerprint, ca.fingerprint);
  assertEquals(loaded.subjectDer, ca.subjectDer);
  assertEquals(loaded.certDer, ca.certDer);
  assertEquals(loaded.notAfter.getTime(), Math.floor(ca.notAfter.getTime() / 1000) * 1000);

  const server = await generateCaSignedCert(loaded, { names: ["localhost"] });
  const issued = new X509Certificate(server.certPem);
  assertEquals(issued.issuer, "CN=tp1 lab CA");
  assert(issued.checkIssued(new X509Certificate(ca.certPem)));
  assert(issued.verify(new X509Certificate(ca.certPem).publicKey));
});

Deno.test("loadCertifiedKey() throws a TypeError when the key is not the certificate's", async () => {
  const [a, b] = await Promise.all([
    generateSelfSignedCert({ names: ["a.example"] }),
    generateSelfSignedCert({ names: ["b.example"] }),
  ]);
  assertEquals(
    (await assertRejects(() => loadCertifiedKey(a.certPem, b.keyPem), TypeError)).message,
    "The private key does not belong to the certificate",
  );
});

Deno.test("isCaCertificate() tells a CA from a server certificate", async () => {
  const ca = await generateSelfSignedCert({ names: [], commonName: "CA", isCa: true });
  const leaf = await generateSelfSignedCert({ names: ["localhost"] });
  assertEquals(isCaCertificate(ca.certPem), true);
  assertEquals(isCaCertificate(leaf.certPem), false);
});
