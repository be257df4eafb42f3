/**
 * `tp1 cert`: the names it picks, what it prints, and, through the real
 * `main.ts`, the files it writes (key mode 0600, no silent overwrite) and that
 * its certificates pass TLS verification.
 */
import {
  assert,
  assertEquals,
  assertMatch,
  assertRejects,
  assertThrows,
} from "../_helpers/assert.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { canRun } from "../_helpers/permissions.ts";
import { runTp1 } from "../_helpers/tp1.ts";
import {
  CERT_FILES,
  defaultCertNames,
  parseNames,
  renderCertReport,
} from "../../src/cli/cert_command.ts";
import { UsageError } from "../../src/errors.ts";
import { generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { type ServerVerification, startTlsClient } from "../../src/tls/start_tls_client.ts";
import { startTlsServer } from "../../src/tls/start_tls_server.ts";

const canUseFiles = canRun && Deno.permissions.querySync({ name: "read" }).state === "granted" &&
  Deno.permissions.querySync({ name: "write" }).state === "granted";
const NEEDS = "(needs --allow-run --allow-read --allow-write)";

Deno.test("defaultCertNames() lists the host name, short and full, the addresses, then loopback", () => {
  assertEquals(defaultCertNames("vm1.lab.example", ["192.168.100.4", "fd00::4"]), [
    "vm1.lab.example",
    "vm1",
    "192.168.100.4",
    "fd00::4",
    "localhost",
    "127.0.0.1",
    "::1",
  ]);
  assertEquals(defaultCertNames(undefined, []), ["localhost", "127.0.0.1", "::1"]);
  assertEquals(defaultCertNames("Local Host", []), ["localhost", "127.0.0.1", "::1"]);
});

Deno.test("parseNames() takes repeated and comma-separated names, unbrackets IPv6, drops duplicates", () => {
  assertEquals(parseNames(["vm1,192.168.100.4", "[::1]", "VM1", " vm2 "]), [
    "vm1",
    "192.168.100.4",
    "::1",
    "vm2",
  ]);
});

Deno.test("parseNames() refuses what cannot be a host name or address", () => {
  for (const bad of ["my server", "300.1.1.1", "fe80::1::2", ",", "a..b"]) {
    assertThrows(() => parseNames([bad]), UsageError);
  }
});

Deno.test("renderCertReport() prints the files, the fingerprint and the commands for server and clients", async () => {
  const server = await generateSelfSignedCert({ names: ["vm1", "192.168.100.4"] });
  const report = renderCertReport({
    names: ["vm1", "192.168.100.4", "localhost"],
    server,
    paths: {
      cert: "certs/tp1-cert.pem",
      key: "certs/tp1-key.pem",
      caCert: "certs/tp1-ca.pem",
      caKey: "certs/tp1-ca-key.pem",
    },
    ca: undefined,
    days: 365,
  });
  assertMatch(report, /^wrote a certificate for vm1, 192\.168\.100\.4, localhost\n/);
  assert(report.includes(`\n  ${server.fingerprint}\n`), report);
  assert(
    report.includes("  tp1 serve --tls --cert certs/tp1-cert.pem --key certs/tp1-key.pem\n"),
    report,
  );
  assert(report.includes("  tp1 connect --tls --ca tp1-cert.pem 192.168.100.4\n"), report);
  assert(
    report.endsWith(`  tp1 connect --tls --fingerprint ${server.fingerprint} 192.168.100.4`),
    report,
  );
  assert(!report.includes("tp1-ca"), report);
});

/** Runs `body` in a fresh temporary directory, removed afterwards. */
async function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tp1-cert-" });
  try {
    await body(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** One TLS handshake over loopback: a server with the files in `dir`, a client verifying with `verify`. */
async function handshakeWith(
  dir: string,
  verify: ServerVerification,
  host = "127.0.0.1",
): Promise<string> {
  const cert = await Deno.readTextFile(`${dir}/${CERT_FILES.cert}`);
  const key = await Deno.readTextFile(`${dir}/${CERT_FILES.key}`);
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serverSide = listener.accept().then((tcp) => startTlsServer(tcp, { cert, key })).then(
    async (conn) => {
      await conn.write(new TextEncoder().encode("verified"));
      conn.close();
    },
    () => undefined,
  );
  try {
    const tcp = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
    const conn = await startTlsClient(tcp, { host, verify });
    const buffer = new Uint8Array(64);
    const n = await conn.read(buffer);
    conn.close();
    return new TextDecoder().decode(buffer.subarray(0, n ?? 0));
  } finally {
    await withDeadline(serverSide, "the TLS server side");
    listener.close();
  }
}

async function mode(path: string): Promise<number> {
  return (await Deno.stat(path)).mode! & 0o777;
}

Deno.test({
  name: `tp1 cert writes a certificate and a 0600 key that verify in a TLS round trip ${NEEDS}`,
  ignore: !canUseFiles,
}, async () => {
  await inTempDir(async (dir) => {
    const result = await runTp1(["cert", "--out", `${dir}/out`, "--name", "localhost,127.0.0.1"]);
    assertEquals(result.code, 0, result.stderr);
    const out = `${dir}/out`;
    assertEquals(await mode(`${out}/${CERT_FILES.key}`), 0o600);
    assertEquals(await mode(`${out}/${CERT_FILES.cert}`), 0o644);
    const certPem = await Deno.readTextFile(`${out}/${CERT_FILES.cert}`);
    assertMatch(result.stdout, /^wrote a certificate for localhost, 127\.0\.0\.1\n/);
    assert(result.stdout.includes(`--cert ${out}/${CERT_FILES.cert} --key`), result.stdout);

    const fingerprint = /--fingerprint (\S+) localhost$/m.exec(result.stdout)?.[1];
    assert(fingerprint, result.stdout);
    assertEquals(await handshakeWith(out, { kind: "ca", caCerts: [certPem] }), "verified");
    assertEquals(
      await handshakeWith(out, { kind: "ca", caCerts: [certPem] }, "localhost"),
      "verified",
    );
    assertEquals(await handshakeWith(out, { kind: "pin", fingerprint }), "verified");
  });
});

Deno.test({
  name:
    `tp1 cert refuses to overwrite existing files, and --force replaces them with a 0600 key ${NEEDS}`,
  ignore: !canUseFiles,
}, async () => {
  await inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/${CERT_FILES.key}`, "old key", { mode: 0o644 });
    await Deno.chmod(`${dir}/${CERT_FILES.key}`, 0o644);
    const refused = await runTp1(["cert", "--out", dir, "--name", "localhost"]);
    assertEquals(refused.code, 1);
    assertEquals(
      refused.stderr,
      `error: ${dir}/${CERT_FILES.key} already exists; add --force to replace it (clients that ` +
        "trust the old certificate will need the new one), or write elsewhere with --out DIR\n",
    );
    assertEquals(await Deno.readTextFile(`${dir}/${CERT_FILES.key}`), "old key");
    await assertRejects(() => Deno.stat(`${dir}/${CERT_FILES.cert}`), Deno.errors.NotFound);

    const forced = await runTp1(["cert", "--out", dir, "--name", "localhost", "--force"]);
    assertEquals(forced.code, 0, forced.stderr);
    assertMatch(await Deno.readTextFile(`${dir}/${CERT_FILES.key}`), /BEGIN PRIVATE KEY/);
    assertEquals(await mode(`${dir}/${CERT_FILES.key}`), 0o600);
  });
});

Deno.test({
  name: `tp1 cert --ca makes a CA once, then signs each new server certificate with it ${NEEDS}`,
  ignore: !canUseFiles,
}, async () => {
  await inTempDir(async (dir) => {
    const first = await runTp1(["cert", "--ca", "--out", dir, "--name", "127.0.0.1"]);
    assertEquals(first.code, 0, first.stderr);
    assertEquals(await mode(`${dir}/${CERT_FILES.caKey}`), 0o600);
    const caPem = await Deno.readTextFile(`${dir}/${CERT_FILES.caCert}`);
    assert(first.stdout.includes("tp1 connect --tls --ca tp1-ca.pem 127.0.0.1"), first.stdout);
    assertEquals(await handshakeWith(dir, { kind: "ca", caCerts: [caPem] }), "verified");

    const second = await runTp1(["cert", "--ca", "--out", dir, "--name", "localhost", "--force"]);
    assertEquals(second.code, 0, second.stderr);
    assert(second.stdout.includes("CA certificate (reused)"), second.stdout);
    assertEquals(await Deno.readTextFile(`${dir}/${CERT_FILES.caCert}`), caPem);
    assertEquals(
      await handshakeWith(dir, { kind: "ca", caCerts: [caPem] }, "localhost"),
      "verified",
    );
  });
});

Deno.test({
  name: `tp1 cert refuses a bad --days or --name as usage errors ${NEEDS}`,
  ignore: !canUseFiles,
}, async () => {
  await inTempDir(async (dir) => {
    const days = await runTp1(["cert", "--out", dir, "--days", "0"]);
    assertEquals(days.code, 2);
    assertMatch(days.stderr, /^error: --days takes a whole number from 1 to 3650, got "0"\n/);
    const name = await runTp1(["cert", "--out", dir, "--name", "my server"]);
    assertEquals(name.code, 2);
    assertMatch(name.stderr, /^error: --name "my server" is not a host name or IP address\n/);
    assertEquals([...Deno.readDirSync(dir)], []);
  });
});
