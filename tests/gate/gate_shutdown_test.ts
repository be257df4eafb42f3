/**
 * A server stopping while newcomers are still at its gate (a password not typed
 * yet, a TLS handshake not started) stops at once: it does not wait for their
 * time limits (60 s for a password, 10 s for a handshake) to run out.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { canRun } from "../_helpers/permissions.ts";
import { startChatServer } from "../_helpers/serve_process.ts";
import { SourceClient } from "../_helpers/source_client.ts";
import { PASSWORD_REQUEST } from "../../src/auth/password_protocol.ts";
import { ConnectionGate, TLS_ONLY_REPLY } from "../../src/gate/connection_gate.ts";
import { loopbackCert } from "../tls/_tls_fixtures.ts";

const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";

Deno.test({
  name:
    "tp1 serve --chat --password-file stops at once on SIGINT while a newcomer has not answered the password request (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  const file = await Deno.makeTempFile({ prefix: "tp1-password-" });
  try {
    await Deno.writeTextFile(file, "s3cret\n");
    const { server, port } = await startChatServer(["--password-file", file]);
    await using _server = server;
    await using newcomer = await SourceClient.connect({ port });
    await newcomer.waitForText(`${PASSWORD_REQUEST}\n`);
    server.kill("SIGINT");
    // The password request waits 60 s for an answer: only dropping the newcomer stops it in time.
    const done = await server.finished();
    assertEquals(done.code, 0);
    assertEquals(await newcomer.waitForEnd(), `${PASSWORD_REQUEST}\n`);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test({
  name:
    "tp1 serve --chat --tls stops at once on SIGINT while a newcomer has not started its handshake (needs --allow-run)",
  ignore: !canRun,
}, async () => {
  const { server, port } = await startChatServer(["--tls"]);
  await using _server = server;
  await using newcomer = await SourceClient.connect({ port });
  // Connections are accepted in order: once a later one has been answered, the
  // newcomer is at the gate, waiting for its handshake.
  {
    await using later = await SourceClient.connect({ port });
    await later.write("plain text\n");
    assertEquals(await later.waitForEnd(), TLS_ONLY_REPLY);
  }
  server.kill("SIGINT");
  const done = await server.finished();
  assertEquals(done.code, 0);
  await newcomer.waitForEnd();
});

Deno.test("ConnectionGate.close() drops newcomers still being checked, and every later one, without logging them", async () => {
  const log: string[] = [];
  const gate = new ConnectionGate(
    { access: { allow: [], deny: [] }, password: "s3cret" },
    (line) => log.push(line),
  );
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  using waiting = await Deno.connect({ hostname: "127.0.0.1", port });
  const admission = listener.accept().then((tcp) => gate.admit(tcp));
  const request = new Uint8Array(PASSWORD_REQUEST.length + 1);
  for (let at = 0; at < request.length;) at += (await waiting.read(request.subarray(at)))!;
  gate.close();
  assertEquals(await withDeadline(admission, "the pending admission to end"), undefined);
  assertEquals((await readToEnd(waiting)).length, 0, "the newcomer's connection was closed");

  using late = await Deno.connect({ hostname: "127.0.0.1", port });
  await late.write(utf8("s3cret\n"));
  assertEquals(await gate.admit(await listener.accept()), undefined);
  assertEquals((await readToEnd(late)).length, 0, "a newcomer after close() is not even asked");
  assertEquals(log, []);
});

Deno.test("ConnectionGate logs a TLS refusal naming the client's address once", async () => {
  const cert = await loopbackCert();
  const log: string[] = [];
  const gate = new ConnectionGate({
    access: { allow: [], deny: [] },
    tls: { cert: cert.certPem, key: cert.keyPem, fingerprint: cert.fingerprint, generated: true },
  }, (line) => log.push(line));
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  using plain = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  await plain.write(utf8("hello\n"));
  assertEquals(await gate.admit(await listener.accept()), undefined);
  assertEquals(log, [`* refused 127.0.0.1:${plain.localAddr.port}: it spoke plain text, not TLS`]);
  gate.close();
});
