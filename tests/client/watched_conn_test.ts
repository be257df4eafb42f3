/**
 * A plain-TCP `tp1 connect` reads what the server's first words say: a TLS
 * server (its alert record, or tp1's own hint) ends the session with a
 * ServerVerdictError; a refused password is remembered; other bytes pass as they are.
 */
import * as tls from "node:tls";
import { assertEquals, assertRejects } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { concat } from "../../src/io/concat.ts";
import { closeQuietly, loopbackCert, tcpPair } from "../tls/_tls_fixtures.ts";
import {
  isPasswordRefusal,
  ServerVerdictError,
  speaksTlsError,
  tlsAnswer,
  tlsHintAsksPassword,
} from "../../src/client/server_greeting.ts";
import { en } from "../../src/i18n/messages_en.ts";
import { fr } from "../../src/i18n/messages_fr.ts";
import { watchedConn } from "../../src/client/watched_conn.ts";
import { TLS_ONLY_REPLY } from "../../src/gate/connection_gate.ts";
import { PASSWORD_REJECTED, PASSWORD_REQUEST } from "../../src/auth/password_protocol.ts";

const TARGET = { host: "127.0.0.1", port: 7999 };

/** Reads `source` to its end. */
async function readAll(source: { read(buffer: Uint8Array): Promise<number | null> }) {
  const chunks: Uint8Array[] = [];
  for (;;) {
    const buffer = new Uint8Array(64);
    const n = await source.read(buffer);
    if (n === null) return concat(chunks);
    chunks.push(buffer.subarray(0, n));
  }
}

Deno.test("tlsAnswer() knows a TLS alert, tp1's TLS hint, and plain text", () => {
  assertEquals(tlsAnswer(new Uint8Array([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32])), "tls");
  assertEquals(tlsAnswer(utf8(TLS_ONLY_REPLY)), "tls");
  assertEquals(tlsAnswer(utf8(TLS_ONLY_REPLY.slice(0, 10))), "unknown");
  assertEquals(tlsAnswer(utf8("* this server needs a password")), "not-tls");
  assertEquals(tlsAnswer(utf8("hello\n")), "not-tls");
  assertEquals(isPasswordRefusal(`${PASSWORD_REJECTED}\r`), true);
  assertEquals(isPasswordRefusal("* wrong"), false);
});

Deno.test("watchedConn() rejects with 'speaks TLS' when a TLS server answers plain text with an alert", async () => {
  const cert = await loopbackCert();
  const server = tls.createServer({ cert: cert.certPem, key: cert.keyPem });
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as { port: number };
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  try {
    const watched = watchedConn(conn, { host: "127.0.0.1", port });
    await watched.write(utf8("bonjour\n"));
    const error = await assertRejects(
      () => watched.read(new Uint8Array(100)),
      ServerVerdictError,
      `127.0.0.1:${port} speaks TLS: add --tls (and --fingerprint … to pin it)`,
    );
    assertEquals((error as ServerVerdictError).kind, "speaks-tls");
  } finally {
    closeQuietly(conn);
    await new Promise((resolve) => server.close(resolve));
  }
});

Deno.test("a --tls --password server's hint, in either language, makes the advice end with --password", async () => {
  for (const hint of [en.gate.tlsOnlyPassword, fr.gate.tlsOnlyPassword]) {
    assertEquals(tlsAnswer(utf8(`${hint}\n`)), "tls");
    assertEquals(tlsHintAsksPassword(utf8(`${hint}\n`)), true);
    const { client, server } = await tcpPair();
    try {
      await server.write(utf8(`${hint}\n`));
      await assertRejects(
        () => watchedConn(client, TARGET).read(new Uint8Array(100)),
        ServerVerdictError,
        "tp1 connect --tls 127.0.0.1 7999 --password\n",
      );
    } finally {
      closeQuietly(client);
      closeQuietly(server);
    }
  }
  assertEquals(tlsHintAsksPassword(utf8(TLS_ONLY_REPLY)), false);
  assertEquals(
    speaksTlsError(TARGET, "--password-file 'my pw'").message.split("\n")[1],
    "  tp1 connect --tls 127.0.0.1 7999 --password-file 'my pw'",
  );
});

Deno.test("watchedConn() rejects with 'speaks TLS' on tp1's hint, even split across reads", async () => {
  const { client, server } = await tcpPair();
  try {
    const watched = watchedConn(client, TARGET);
    const hint = utf8(TLS_ONLY_REPLY);
    await server.write(hint.subarray(0, 5));
    const reading = watched.read(new Uint8Array(100));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await server.write(hint.subarray(5));
    await assertRejects(() => reading, ServerVerdictError, "127.0.0.1:7999 speaks TLS");
  } finally {
    closeQuietly(client);
    closeQuietly(server);
  }
});

Deno.test("watchedConn() passes other bytes unchanged and remembers a refused password", async () => {
  const { client, server } = await tcpPair();
  try {
    const watched = watchedConn(client, TARGET);
    const said = `${PASSWORD_REQUEST}\n${PASSWORD_REJECTED}\n\x00\xff`;
    await server.write(utf8(said));
    server.close();
    assertEquals(new TextDecoder().decode(await readAll(watched)), said);
    assertEquals(watched.passwordRefused, true);
  } finally {
    closeQuietly(client);
    closeQuietly(server);
  }
});

Deno.test("watchedConn() does not call an ordinary server's output a refusal", async () => {
  const { client, server } = await tcpPair();
  try {
    const watched = watchedConn(client, TARGET);
    await server.write(utf8("hi\n"));
    server.close();
    assertEquals(new TextDecoder().decode(await readAll(watched)), "hi\n");
    assertEquals(watched.passwordRefused, false);
  } finally {
    closeQuietly(client);
    closeQuietly(server);
  }
});
