/**
 * `tp1 connect`'s TLS options in-process: which flags imply TLS, which clash,
 * how pins and `--ca` files are read, and the words shown to the user.
 */
import { assert, assertEquals, assertMatch } from "../_helpers/assert.ts";
import { UsageError, UserError } from "../../src/errors.ts";
import {
  describeTls,
  insecureWarning,
  matchesPinPrefix,
  pinCommand,
  type TlsClientSettings,
  tlsClientSettings,
  untrustedAdvice,
} from "../../src/client/tls_trust.ts";
import { generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import type { TlsConnection } from "../../src/tls/tls_connection.ts";
import { TlsHandshakeError } from "../../src/tls/tls_errors.ts";
import { loopbackCert, rejection } from "./_tls_fixtures.ts";

const USAGE = "tp1 connect HOST";
const FP = "AB:".repeat(31) + "AB";
const canUseFiles = Deno.permissions.querySync({ name: "read" }).state === "granted" &&
  Deno.permissions.querySync({ name: "write" }).state === "granted";

async function usageError(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  assert(error instanceof UsageError, `expected a UsageError, got ${error}`);
  assertEquals(error.usage, USAGE);
  return error.message;
}

/** Writes files named by `files` in a fresh temporary directory; removes it after `body`. */
async function withFiles(
  files: Record<string, string>,
  body: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tp1-tls-options-" });
  try {
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${dir}/${name}`, text);
    }
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("tlsClientSettings() means plain TCP when no TLS option is given", async () => {
  assertEquals(await tlsClientSettings({}, USAGE), undefined);
  assertEquals(await tlsClientSettings({ tls: false, ca: [] }, USAGE), undefined);
});

Deno.test("tlsClientSettings() verifies with the system's CAs for --tls alone", async () => {
  assertEquals(await tlsClientSettings({ tls: true }, USAGE), {
    verify: { kind: "ca" },
    caFiles: [],
  });
});

Deno.test("tlsClientSettings() lets --fingerprint and --insecure imply --tls", async () => {
  const pinned = await tlsClientSettings(
    { fingerprint: FP.replaceAll(":", "").toLowerCase() },
    USAGE,
  );
  assertEquals(pinned?.verify, { kind: "pin", fingerprint: FP });
  assertEquals((await tlsClientSettings({ insecure: true }, USAGE))?.verify, {
    kind: "insecure",
  });
});

Deno.test("tlsClientSettings() refuses --insecure with --fingerprint or --ca, and --ca with --fingerprint", async () => {
  assertMatch(
    await usageError(tlsClientSettings({ tls: true, insecure: true, fingerprint: FP }, USAGE)),
    /--insecure turns verification off and --fingerprint is a verification/,
  );
  assertMatch(
    await usageError(tlsClientSettings({ insecure: true, ca: ["ca.pem"] }, USAGE)),
    /--insecure turns verification off, so --ca would be ignored/,
  );
  assertMatch(
    await usageError(tlsClientSettings({ fingerprint: FP, ca: ["ca.pem"] }, USAGE)),
    /give either --ca .* or --fingerprint/,
  );
});

Deno.test("tlsClientSettings() explains a --fingerprint that is not SHA-256, and spots ncat's SHA-1", async () => {
  assertEquals(
    await usageError(tlsClientSettings({ fingerprint: "12:34" }, USAGE)),
    '--fingerprint "12:34" has 4 hex digits: give at least the first 20 (80 bits, too many to forge), or the whole fingerprint',
  );
  const sha1 = "AB:".repeat(19) + "AB";
  assertMatch(
    await usageError(tlsClientSettings({ fingerprint: sha1 }, USAGE)),
    /is a SHA-1 fingerprint \(as ncat prints\); --fingerprint takes the SHA-256 one/,
  );
});

Deno.test({
  name:
    "tlsClientSettings() reads every certificate of each --ca file (needs --allow-read --allow-write)",
  ignore: !canUseFiles,
}, async () => {
  const [a, b, c] = await Promise.all(
    [1, 2, 3].map(() => generateSelfSignedCert({ names: ["localhost"] })),
  );
  await withFiles(
    { "bundle.pem": `# lab CAs\n${a.certPem}\n${b.certPem}`, "c.pem": c.certPem },
    async (dir) => {
      const settings = await tlsClientSettings(
        { ca: [`${dir}/bundle.pem`, `${dir}/c.pem`] },
        USAGE,
      );
      assertEquals(settings?.verify, {
        kind: "ca",
        caCerts: [a.certPem, b.certPem, c.certPem],
      });
      assertEquals(settings?.caFiles, [`${dir}/bundle.pem`, `${dir}/c.pem`]);
    },
  );
});

Deno.test({
  name:
    "tlsClientSettings() says what is wrong with a --ca file: missing, a key, not PEM, not X.509 (needs --allow-read --allow-write)",
  ignore: !canUseFiles,
}, async () => {
  const cert = await loopbackCert();
  const broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
  const files = { "key.pem": cert.keyPem, "notes.txt": "hello", "broken.pem": broken };
  await withFiles(files, async (dir) => {
    const messages = [];
    for (const file of ["missing.pem", "key.pem", "notes.txt", "broken.pem"]) {
      const error = await rejection(tlsClientSettings({ ca: [`${dir}/${file}`] }, USAGE));
      assert(error instanceof UserError && !(error instanceof UsageError), String(error));
      messages.push(error.message);
    }
    assertEquals(
      messages[0],
      `cannot read the --ca file "${dir}/missing.pem": no such file or directory`,
    );
    assertMatch(
      messages[1],
      /key\.pem" is a private key, not a certificate: give --ca the certificate/,
    );
    assertMatch(messages[2], /notes\.txt" holds no PEM certificate/);
    assertMatch(
      messages[3],
      /broken\.pem" holds a certificate block that is not a readable X\.509/,
    );
  });
});

/** Just what describeTls and insecureWarning read from a connection. */
function fakeConnection(fingerprint: string, protocol = "TLSv1.3"): TlsConnection {
  return { peerCertificate: { fingerprint, pem: "" }, protocol } as unknown as TlsConnection;
}

Deno.test("describeTls() gives the protocol, how the server was trusted, and its fingerprint", () => {
  const conn = fakeConnection(FP);
  const line = (settings: TlsClientSettings) => describeTls(conn, settings).split("\n")[0];
  assertEquals(
    line({ verify: { kind: "ca" }, caFiles: [] }),
    "TLS 1.3, server certificate verified by the system's CAs",
  );
  assertEquals(
    line({ verify: { kind: "ca", caCerts: [] }, caFiles: ["tp1-cert.pem"] }),
    "TLS 1.3, server certificate verified with --ca tp1-cert.pem",
  );
  assertEquals(
    line({ verify: { kind: "pin", fingerprint: FP }, caFiles: [] }),
    "TLS 1.3, server certificate matches the pinned fingerprint",
  );
  assertEquals(
    describeTls(conn, { verify: { kind: "insecure" }, caFiles: [] }),
    `TLS 1.3, server certificate NOT verified (--insecure)\nserver certificate SHA-256 ${FP}`,
  );
});

Deno.test("insecureWarning() warns and gives the exact command that pins the server next time", () => {
  const warning = insecureWarning(fakeConnection(FP), { host: "::1", port: 8000 });
  assertMatch(warning, /^tp1: warning: --insecure: the server's certificate was NOT verified/);
  assert(warning.includes(`tp1:   tp1 connect --tls --fingerprint ${FP} ::1 8000\n`), warning);
});

Deno.test("untrustedAdvice() gives the reason, the fingerprint and the pin command for an untrusted server", () => {
  const refused = new TlsHandshakeError("untrusted", "the certificate … is not trusted", {
    peerCertificate: { fingerprint: FP, pem: "" },
    detail: "self-signed certificate",
  });
  const target = { host: "127.0.0.1", port: 7999 };
  const advice = untrustedAdvice(refused, target, { verify: { kind: "ca" }, caFiles: [] });
  assertEquals(
    advice.message,
    "the certificate of 127.0.0.1:7999 is not trusted (self-signed certificate)\n" +
      `its SHA-256 fingerprint is ${FP}\n` +
      "if this is your lab server, check that the server's screen shows that same fingerprint, " +
      "then connect with:\n" +
      `  tp1 connect --tls --fingerprint ${FP} 127.0.0.1 7999\n` +
      "or give its certificate (e.g. tp1-cert.pem from tp1 cert) with --ca FILE",
  );
  assertEquals(pinCommand(FP, target), `tp1 connect --tls --fingerprint ${FP} 127.0.0.1 7999`);
  const withCa = untrustedAdvice(refused, target, {
    verify: { kind: "ca", caCerts: [] },
    caFiles: ["old.pem"],
  });
  assert(!withCa.message.includes("--ca FILE"), withCa.message);
});

Deno.test("the pin commands repeat the password options given, never the secret", async () => {
  const refused = new TlsHandshakeError("untrusted", "the certificate … is not trusted", {
    peerCertificate: { fingerprint: FP, pem: "" },
  });
  const target = { host: "127.0.0.1", port: 7999 };
  const given = await tlsClientSettings({ tls: true, password: "hunter2" }, USAGE);
  assertEquals(given?.passwordArgs, "--password");
  const advice = untrustedAdvice(refused, target, given!);
  assert(advice.message.includes(`  ${pinCommand(FP, target)} --password\n`), advice.message);
  assert(!advice.message.includes("hunter2"), advice.message);
  const fromFile = await tlsClientSettings({ insecure: true, "password-file": "pw.txt" }, USAGE);
  assertEquals(fromFile?.passwordArgs, "--password-file pw.txt");
  assert(
    insecureWarning(fakeConnection(FP), target, fromFile!.passwordArgs).includes(
      `tp1:   tp1 connect --tls --fingerprint ${FP} 127.0.0.1 7999 --password-file pw.txt\n`,
    ),
  );
});

Deno.test("untrustedAdvice() leaves other handshake failures as they are", () => {
  const timeout = new TlsHandshakeError("timeout", "no TLS answer");
  assertEquals(
    untrustedAdvice(timeout, { host: "h", port: 1 }, { verify: { kind: "ca" }, caFiles: [] }),
    timeout,
  );
});

Deno.test("tlsClientSettings() takes a fingerprint prefix of 20 hex digits or more, and no shorter", async () => {
  const prefix = FP.replaceAll(":", "").slice(0, 20);
  const settings = await tlsClientSettings({ fingerprint: prefix.toLowerCase() }, USAGE);
  assertEquals(settings?.pinPrefix, prefix);
  assertEquals(matchesPinPrefix(FP, prefix), true);
  assertEquals(
    matchesPinPrefix(FP, prefix.slice(0, -1) + (prefix.at(-1) === "0" ? "1" : "0")),
    false,
  );
  assertMatch(
    await usageError(tlsClientSettings({ fingerprint: prefix.slice(0, 19) }, USAGE)),
    /has 19 hex digits: give at least the first 20 \(80 bits/,
  );
});
