import { assert, assertEquals, assertThrows } from "../_helpers/assert.ts";
import { X509Certificate } from "node:crypto";
import { hasCommand } from "../_helpers/permissions.ts";
import {
  certFingerprint,
  derToPem,
  formatFingerprint,
  parseFingerprint,
  pemToDer,
} from "../../src/tls/cert_fingerprint.ts";
import { loopbackCert } from "./_tls_fixtures.ts";

const CANONICAL = "AB:B1:04:7D:71:06:11:04:58:58:6D:57:3A:50:28:9B:" +
  "CC:94:DA:75:91:B4:93:68:DD:1A:36:06:75:1D:A3:67";

Deno.test("parseFingerprint() accepts colons, spaces, bare hex and a sha256 prefix or openssl's line", () => {
  const bare = CANONICAL.replaceAll(":", "");
  for (
    const typed of [
      CANONICAL,
      CANONICAL.toLowerCase(),
      bare,
      bare.toLowerCase().match(/../g)!.join(" "),
      `sha256:${bare}`,
      `sha256 Fingerprint=${CANONICAL}`,
      `  SHA-256=${CANONICAL}\n`,
    ]
  ) {
    assertEquals(parseFingerprint(typed), CANONICAL, `for ${JSON.stringify(typed)}`);
  }
});

Deno.test("parseFingerprint() throws a TypeError quoting input that is not 32 hex bytes", () => {
  for (const typed of ["", "AB:CD", CANONICAL + ":00", CANONICAL.replace("AB", "XY")]) {
    assertThrows(() => parseFingerprint(typed), TypeError, JSON.stringify(typed));
  }
});

Deno.test("formatFingerprint() writes upper-case hex pairs joined by colons", () => {
  assertEquals(formatFingerprint(Uint8Array.of(0x00, 0x0f, 0xa0, 0xff)), "00:0F:A0:FF");
});

Deno.test("derToPem() and pemToDer() round-trip certificate bytes", async () => {
  const { certPem, certDer } = await loopbackCert();
  assertEquals(pemToDer(certPem), certDer);
  assertEquals(derToPem(certDer, "CERTIFICATE"), certPem);
  const lines = certPem.trimEnd().split("\n");
  assert(lines.slice(1, -1).every((line) => line.length <= 64));
});

Deno.test("pemToDer() takes the first block of a chain and throws a TypeError when there is none", async () => {
  const { certPem, certDer } = await loopbackCert();
  assertEquals(pemToDer(`junk\n${certPem}${certPem}`), certDer);
  assertThrows(
    () => pemToDer("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
    TypeError,
  );
});

Deno.test("certFingerprint() gives the same answer for PEM and DER, as node:crypto's X509Certificate does", async () => {
  const { certPem, certDer, fingerprint } = await loopbackCert();
  assertEquals(certFingerprint(certPem), fingerprint);
  assertEquals(certFingerprint(certDer), fingerprint);
  assertEquals(new X509Certificate(certPem).fingerprint256, fingerprint);
});

Deno.test({
  name: "certFingerprint() matches `openssl x509 -fingerprint -sha256`" +
    (hasCommand("openssl") ? "" : " (skipped: needs --allow-run and openssl)"),
  ignore: !hasCommand("openssl"),
  async fn() {
    const { certPem, fingerprint } = await loopbackCert();
    const child = new Deno.Command("openssl", {
      args: ["x509", "-noout", "-fingerprint", "-sha256"],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(certPem));
    await writer.close();
    const { code, stdout, stderr } = await child.output();
    assertEquals(code, 0, new TextDecoder().decode(stderr));
    assertEquals(new TextDecoder().decode(stdout).trim(), `sha256 Fingerprint=${fingerprint}`);
  },
});
