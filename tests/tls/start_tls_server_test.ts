import assert from "node:assert/strict";
import { hasCommand } from "../_helpers/permissions.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { startTlsClient } from "../../src/tls/start_tls_client.ts";
import { startTlsServer } from "../../src/tls/start_tls_server.ts";
import { TlsHandshakeError } from "../../src/tls/tls_errors.ts";
import {
  closeQuietly,
  hostileFirstRecords,
  loopbackCert,
  readText,
  rejection,
  tcpPair,
  writeText,
} from "./_tls_fixtures.ts";

async function serverOptions() {
  const cert = await loopbackCert();
  return { cert: cert.certPem, key: cert.keyPem };
}

Deno.test("startTlsServer() serves a Deno.connectTls client that trusts the generated certificate", async () => {
  const cert = await loopbackCert();
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const serverSide = (async () => {
    const conn = await startTlsServer(await listener.accept(), await serverOptions());
    try {
      const received = await readText(conn);
      await writeText(conn, `got ${received}`);
      await conn.closeWrite();
      return received;
    } finally {
      conn.close();
    }
  })();
  const client = await Deno.connectTls({
    hostname: "127.0.0.1",
    port: listener.addr.port,
    caCerts: [cert.certPem],
  });
  try {
    await writeText(client, "hello");
    await client.closeWrite();
    assert.equal(await readText(client), "got hello");
  } finally {
    client.close();
    listener.close();
  }
  assert.equal(await serverSide, "hello");
});

Deno.test("startTlsServer() and startTlsClient() with a pin talk over one Deno TCP connection", async () => {
  const cert = await loopbackCert();
  const { client, server } = await tcpPair();
  const [clientTls, serverTls] = await Promise.all([
    startTlsClient(client, {
      host: "127.0.0.1",
      verify: { kind: "pin", fingerprint: cert.fingerprint },
    }),
    startTlsServer(server, await serverOptions()),
  ]);
  try {
    assert.equal(serverTls.peerCertificate, null);
    assert.equal(serverTls.remoteAddr.port, client.localAddr.port);
    assert.equal(clientTls.remoteAddr.port, server.localAddr.port);
    await writeText(clientTls, "from client");
    await clientTls.closeWrite();
    assert.equal(await readText(serverTls), "from client");
    await writeText(serverTls, "from server");
    await serverTls.closeWrite();
    assert.equal(await readText(clientTls), "from server");
  } finally {
    clientTls.close();
    serverTls.close();
  }
});

Deno.test("startTlsServer() answers a plain-text client in plain text, closes, and says why", async () => {
  const { client, server } = await tcpPair();
  try {
    await writeText(client, "hello?\n");
    const error = await rejection(
      startTlsServer(server, {
        ...await serverOptions(),
        plaintextReply: "this server speaks TLS\n",
      }),
    );
    assert.ok(error instanceof TlsHandshakeError, String(error));
    assert.equal(error.kind, "not-tls");
    assert.match(error.message, /^the client at 127\.0\.0\.1:\d+ spoke plain text, not TLS$/);
    assert.equal(await withDeadline(readText(client), "the reply"), "this server speaks TLS\n");
  } finally {
    client.close();
  }
});

Deno.test("startTlsServer() drops a client that sends nothing within the time limit, telling it why and closing its socket", async () => {
  const { client, server } = await tcpPair();
  try {
    const error = await rejection(
      startTlsServer(server, {
        ...await serverOptions(),
        handshakeTimeoutMs: 200,
        plaintextReply: "this server speaks TLS\n",
      }),
    );
    assert.ok(error instanceof TlsHandshakeError, String(error));
    assert.equal(error.kind, "timeout");
    assert.match(error.message, /sent nothing within 0\.2 s/);
    assert.equal(
      await withDeadline(readText(client), "end of stream at the client"),
      "this server speaks TLS\n",
    );
  } finally {
    client.close();
  }
});

Deno.test("startTlsServer() reports a client that leaves before saying anything", async () => {
  const { client, server } = await tcpPair();
  client.close();
  const error = await rejection(startTlsServer(server, await serverOptions()));
  assert.ok(error instanceof TlsHandshakeError, String(error));
  assert.equal(error.kind, "closed");
});

Deno.test("startTlsServer() reports a client that hangs up because it distrusts the certificate", async () => {
  const { client, server } = await tcpPair();
  const [clientError, serverError] = await Promise.all([
    rejection(startTlsClient(client, { host: "127.0.0.1", verify: { kind: "ca" } })),
    rejection(startTlsServer(server, await serverOptions())),
  ]);
  assert.ok(clientError instanceof TlsHandshakeError && clientError.kind === "untrusted");
  assert.ok(serverError instanceof TlsHandshakeError, String(serverError));
  assert.ok(["closed", "protocol"].includes(serverError.kind), serverError.message);
});

Deno.test("startTlsServer() rejects with the abort reason when its signal aborts", async () => {
  const { client, server } = await tcpPair();
  try {
    const controller = new AbortController();
    const pending = startTlsServer(server, { ...await serverOptions(), signal: controller.signal });
    controller.abort(new Error("server stopping"));
    const error = await rejection(pending);
    assert.ok(error instanceof Error && error.message === "server stopping", String(error));
    assert.equal(await withDeadline(readText(client), "end of stream at the client"), "");
  } finally {
    client.close();
  }
});

Deno.test({
  name: "startTlsServer() serves `openssl s_client`, which sees the generated certificate" +
    (hasCommand("openssl") ? "" : " (skipped: needs --allow-run and openssl)"),
  ignore: !hasCommand("openssl"),
  async fn() {
    const cert = await loopbackCert();
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const serverSide = (async () => {
      const conn = await startTlsServer(await listener.accept(), await serverOptions());
      try {
        await writeText(conn, "welcome\n");
        // s_client -quiet ignores its own end of input: the server ends the session.
        const line = await readLine(conn);
        await conn.closeWrite();
        return line;
      } finally {
        closeQuietly(conn);
      }
    })();
    try {
      const child = new Deno.Command("openssl", {
        args: ["s_client", "-connect", `127.0.0.1:${listener.addr.port}`, "-quiet"],
        stdin: "piped",
        stdout: "piped",
        stderr: "piped",
      }).spawn();
      const writer = child.stdin.getWriter();
      await writer.write(new TextEncoder().encode("from openssl\n"));
      await writer.close();
      const output = await withDeadline(child.output(), "openssl s_client");
      assert.equal(new TextDecoder().decode(output.stdout), "welcome\n");
      assert.equal(await withDeadline(serverSide, "the server side"), "from openssl\n");
      // The certificate openssl saw is the one generated: compare fingerprints.
      const shown = new Deno.Command("bash", {
        args: [
          "-c",
          'openssl s_client -connect "$1" </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256',
          "bash",
          `127.0.0.1:${listener.addr.port}`,
        ],
        stdout: "piped",
        stderr: "null",
      }).spawn();
      const second = startTlsServer(await listener.accept(), await serverOptions())
        .then((conn) => readText(conn).finally(() => closeQuietly(conn)));

      const { stdout } = await withDeadline(shown.output(), "openssl's fingerprint");
      await second.catch(() => {});
      assert.equal(
        new TextDecoder().decode(stdout).trim(),
        `sha256 Fingerprint=${cert.fingerprint}`,
      );
    } finally {
      listener.close();
    }
  },
});

/** Reads up to and including the first newline. */
async function readLine(conn: Deno.Conn): Promise<string> {
  let text = "";
  const buffer = new Uint8Array(1);
  while (!text.endsWith("\n")) {
    const n = await conn.read(buffer);
    if (n === null) break;
    text += String.fromCharCode(buffer[0]);
  }
  return text;
}

Deno.test("startTlsServer() fails only that handshake, never the process, on a first record TLS refuses at once", async () => {
  const options = await serverOptions();
  for (const [label, bytes] of await hostileFirstRecords()) {
    const { client, server } = await tcpPair();
    try {
      const failed = rejection(startTlsServer(server, options));
      await client.write(bytes);
      await client.closeWrite();
      const error = await withDeadline(failed, `the server to refuse ${label}`);
      assert.ok(error instanceof TlsHandshakeError, `${label}: ${error}`);
      assert.ok(["protocol", "closed"].includes(error.kind), `${label}: ${error.message}`);
      // The server side closed its socket: the client reads the end (after any TLS alert).
      await withDeadline(readText(client).catch(() => ""), `the socket to close after ${label}`);
    } finally {
      closeQuietly(client);
    }
  }
  // And the next client is served as usual.
  const { client, server } = await tcpPair();
  const cert = await loopbackCert();
  const [clientTls, serverTls] = await Promise.all([
    startTlsClient(client, {
      host: "127.0.0.1",
      verify: { kind: "pin", fingerprint: cert.fingerprint },
    }),
    startTlsServer(server, options),
  ]);
  await writeText(clientTls, "still here");
  await clientTls.closeWrite();
  assert.equal(await readText(serverTls), "still here");
  clientTls.close();
  serverTls.close();
});
