import assert from "node:assert/strict";
import { pemBlocks, readPemBundle } from "../../src/tls/pem_bundle.ts";
import { loopbackCert } from "./_tls_fixtures.ts";

Deno.test("readPemBundle() finds the certificate and the key of one file, in either order, among other text", async () => {
  const { certPem, keyPem } = await loopbackCert();
  for (
    const text of [keyPem + certPem, certPem + keyPem, `subject=CN x\n${certPem}\nnotes\n${keyPem}`]
  ) {
    const bundle = readPemBundle(text);
    assert.equal(bundle.certificates, certPem);
    assert.equal(bundle.privateKey, keyPem);
    assert.equal(bundle.encryptedKey, false);
  }
});

Deno.test("readPemBundle() keeps a whole chain in order and takes SEC1 and PKCS#1 keys", async () => {
  const { certPem } = await loopbackCert();
  const other = certPem.replace(
    "-----BEGIN CERTIFICATE-----\n",
    "-----BEGIN CERTIFICATE-----\nAAAA",
  );
  assert.equal(readPemBundle(certPem + other).certificates, certPem + other);
  for (const label of ["EC PRIVATE KEY", "RSA PRIVATE KEY"]) {
    const key = `-----BEGIN ${label}-----\nMHcCAQEE\n-----END ${label}-----\n`;
    assert.equal(
      readPemBundle(`-----BEGIN EC PARAMETERS-----\nBggq\n-----END EC PARAMETERS-----\n${key}`)
        .privateKey,
      key,
    );
  }
});

Deno.test("readPemBundle() reports a key protected by a passphrase instead of taking it", () => {
  const pkcs8 =
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n";
  const legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n" +
    "DEK-Info: AES-128-CBC,0A1B\n\nMIIE\n-----END RSA PRIVATE KEY-----\n";
  for (const text of [pkcs8, legacy]) {
    assert.deepEqual(readPemBundle(text), {
      certificates: undefined,
      privateKey: undefined,
      encryptedKey: true,
    });
  }
});

Deno.test("pemBlocks() ignores a BEGIN line without its matching END", () => {
  assert.deepEqual(pemBlocks("-----BEGIN CERTIFICATE-----\nAAAA\n-----END PRIVATE KEY-----\n"), []);
});
