/**
 * `tp1 connect --ca FILE` end to end against servers showing impostor
 * certificates: each is refused with one clear message and exit code 1, and the
 * client's input never reaches the server; the real server is trusted.
 */
import assert from "node:assert/strict";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { runTp1 } from "../_helpers/tp1.ts";
import { startTlsServer } from "../../src/tls/start_tls_server.ts";
import { labPki, type ServerIdentity, v1Impostor } from "./_impostors.ts";
import { closeQuietly, readText } from "./_tls_fixtures.ts";

const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";

/** Serves `identity` to one client on 127.0.0.1; `received` is what that client sent over TLS. */
function serveOnce(identity: ServerIdentity): { port: number; received: Promise<string> } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const received = (async () => {
    try {
      const tcp = await listener.accept();
      const conn = await startTlsServer(tcp, { cert: identity.certPem, key: identity.keyPem })
        .catch(() => undefined);
      if (!conn) return "";
      try {
        return await readText(conn).catch(() => "");
      } finally {
        closeQuietly(conn);
      }
    } finally {
      listener.close();
    }
  })();
  return { port: listener.addr.port, received };
}

/** Runs `tp1 connect --ca caFile host port` with a secret on stdin, against `identity`. */
async function connectWithCa(caPem: string, identity: ServerIdentity, host: string) {
  const dir = await Deno.makeTempDir({ prefix: "tp1-ca-impostor-" });
  try {
    await Deno.writeTextFile(`${dir}/ca.pem`, caPem);
    const server = serveOnce(identity);
    const result = await runTp1(
      ["connect", "--ca", `${dir}/ca.pem`, host, String(server.port)],
      "the secret\n",
    );
    const received = await withDeadline(server.received, "the server to finish");
    return { ...result, received };
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name:
    "tp1 connect --ca refuses an X.509 v1 impostor of the CA with exit 1, sending nothing (needs --allow-run, --allow-write, openssl)",
  ignore: !canRun || !canWrite || !hasCommand("openssl"),
}, async () => {
  const { caPem, impostor } = await v1Impostor();
  const result = await connectWithCa(caPem, impostor, "localhost");
  assert.equal(result.code, 1, result.stderr);
  assert.match(
    result.stderr,
    /^error: the certificate of localhost:\d+ is not trusted \(it names "Lab CA" as its issuer, but the key of the trusted certificate of that name did not sign it: an impostor, or another CA with the same name\)\n/,
  );
  assert.equal(result.stdout, "");
  assert.equal(result.received, "", "the secret reached the impostor");
});

Deno.test({
  name:
    "tp1 connect --ca refuses a v3 impostor with exit 1 and trusts the server the CA signed (needs --allow-run, --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  const pki = await labPki();
  const refused = await connectWithCa(pki.ca.certPem, pki.v3Impostor, "127.0.0.1");
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(refused.stderr, /is not trusted \(it names "Lab CA" as its issuer, but the key/);
  assert.equal(refused.received, "", "the secret reached the impostor");
  const trusted = await connectWithCa(pki.ca.certPem, pki.good, "127.0.0.1");
  assert.equal(trusted.code, 0, trusted.stderr);
  assert.equal(trusted.received, "the secret\n");
});
