import assert from "node:assert/strict";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { delay } from "../../src/io/delay.ts";
import { INCOMING_LIMIT } from "../../src/tls/_conn_duplex.ts";
import { randomBytes, readAll, readToEnd, sha256Hex } from "../_helpers/bytes.ts";
import { writeAll } from "../../src/io/byte_ends.ts";
import { startTlsClient } from "../../src/tls/start_tls_client.ts";
import { startTlsServer } from "../../src/tls/start_tls_server.ts";
import type { TlsConnection } from "../../src/tls/tls_connection.ts";
import { loopbackCert, readText, rejection, tcpPair, writeText } from "./_tls_fixtures.ts";

/** A client and a server TLS connection over one loopback TCP connection. */
async function tlsPair(): Promise<{ client: TlsConnection; server: TlsConnection }> {
  const cert = await loopbackCert();
  const tcp = await tcpPair();
  const [client, server] = await Promise.all([
    startTlsClient(tcp.client, {
      host: "127.0.0.1",
      verify: { kind: "pin", fingerprint: cert.fingerprint },
    }),
    startTlsServer(tcp.server, { cert: cert.certPem, key: cert.keyPem }),
  ]);
  return { client, server };
}

function closeBoth(pair: { client: TlsConnection; server: TlsConnection }): void {
  for (const conn of [pair.client, pair.server]) {
    try {
      conn.close();
    } catch {
      // Closed by the test already.
    }
  }
}

Deno.test("TlsConnection can stand wherever a Deno.TcpConn is expected", async () => {
  const pair = await tlsPair();
  try {
    const asTcp: Deno.TcpConn = pair.client;
    asTcp.setKeepAlive(true);
    asTcp.setNoDelay(true);
    assert.equal(asTcp.localAddr.transport, "tcp");
    assert.equal(asTcp.remoteAddr.hostname, "127.0.0.1");
  } finally {
    closeBoth(pair);
  }
});

Deno.test("TlsConnection carries 3 MiB each way at once, byte for byte, whichever side finishes first", async () => {
  // When one side has finished both ways, node:tls tears the other's stream down as soon
  // as its own last write is taken; closing the TCP connection then (with input unread)
  // reset it and cut the tail of whatever was still in flight. A race: several rounds.
  for (let round = 0; round < 5; round++) {
    const pair = await tlsPair();
    try {
      const up = randomBytes(3 * 1024 * 1024);
      const down = randomBytes(3 * 1024 * 1024);
      const send = async (conn: TlsConnection, bytes: Uint8Array) => {
        await writeAll(conn, bytes);
        await conn.closeWrite();
      };
      const [receivedUp, receivedDown] = await withDeadline(
        Promise.all([
          readToEnd(pair.server),
          readToEnd(pair.client),
          send(pair.client, up),
          send(pair.server, down),
        ]),
        "both transfers",
      );
      assert.deepEqual(
        [receivedUp.length, receivedDown.length],
        [up.length, down.length],
        `round ${round}: bytes received each way`,
      );
      assert.equal(await sha256Hex(receivedUp), await sha256Hex(up));
      assert.equal(await sha256Hex(receivedDown), await sha256Hex(down));
    } finally {
      closeBoth(pair);
    }
  }
});

Deno.test("TlsConnection.readable and writable carry a stream, and the readable's end closes the connection as Deno.TcpConn's does", async () => {
  const pair = await tlsPair();
  try {
    const payload = randomBytes(1024 * 1024);
    const [received] = await withDeadline(
      Promise.all([
        readAll(pair.server.readable),
        ReadableStream.from([payload.subarray(0, 1000), payload.subarray(1000)])
          .pipeTo(pair.client.writable),
      ]),
      "the transfer",
    );
    assert.equal(await sha256Hex(received), await sha256Hex(payload));
    assert.throws(() => pair.server.close(), Deno.errors.BadResource);
  } finally {
    closeBoth(pair);
  }
});

Deno.test("TlsConnection.closeWrite() ends the peer's reading while the peer can still answer", async () => {
  const pair = await tlsPair();
  try {
    await writeText(pair.client, "question");
    await pair.client.closeWrite();
    assert.equal(await readText(pair.server), "question");
    await writeText(pair.server, "answer");
    await pair.server.closeWrite();
    assert.equal(await readText(pair.client), "answer");
  } finally {
    closeBoth(pair);
  }
});

Deno.test("TlsConnection.close() interrupts a pending read, and later calls throw BadResource, as Deno.TcpConn does", async () => {
  const pair = await tlsPair();
  try {
    const pending = pair.client.read(new Uint8Array(16));
    pair.client.close();
    assert.ok((await rejection(pending)) instanceof Deno.errors.Interrupted);
    assert.ok(
      (await rejection(pair.client.read(new Uint8Array(16)))) instanceof Deno.errors.BadResource,
    );
    assert.ok(
      (await rejection(pair.client.write(new Uint8Array(1)))) instanceof Deno.errors.BadResource,
    );
    assert.throws(() => pair.client.close(), Deno.errors.BadResource);
    // The peer sees the end of the stream.
    assert.equal(await withDeadline(readText(pair.server), "end of stream at the server"), "");
  } finally {
    closeBoth(pair);
  }
});

Deno.test("TlsConnection reads the data, then end of stream, when the peer's TCP closes without TLS close_notify", async () => {
  const cert = await loopbackCert();
  const tcp = await tcpPair();
  const [client, server] = await Promise.all([
    startTlsClient(tcp.client, { host: "127.0.0.1", verify: { kind: "insecure" } }),
    startTlsServer(tcp.server, { cert: cert.certPem, key: cert.keyPem }),
  ]);
  try {
    await writeText(server, "last words");
    // Closing the server's raw TCP skips the TLS goodbye.
    await new Promise((resolve) => setTimeout(resolve, 50));
    tcp.server.close();
    const outcome = await withDeadline(
      readText(client).catch((error: unknown) => error),
      "the client to notice",
    );
    // Like Deno.TlsConn, a missing close_notify reads as a normal end of stream.
    assert.equal(outcome, "last words");
  } finally {
    closeBoth({ client, server });
  }
});

Deno.test("TlsConnection goes on sending after the peer has ended its side (half-close), as Deno.TcpConn does", async () => {
  const pair = await tlsPair();
  try {
    await writeText(pair.client, "the request");
    await pair.client.closeWrite();
    assert.equal(await withDeadline(readText(pair.server), "the request"), "the request");
    const answer = randomBytes(1024 * 1024);
    const [received] = await withDeadline(
      Promise.all([
        readToEnd(pair.client),
        writeAll(pair.server, answer).then(() => pair.server.closeWrite()),
      ]),
      "the answer",
    );
    assert.equal(await sha256Hex(received), await sha256Hex(answer));
  } finally {
    closeBoth(pair);
  }
});

Deno.test("TlsConnection delivers everything written before close(), as closing a Deno.TcpConn does", async () => {
  for (let round = 0; round < 2; round++) {
    const pair = await tlsPair();
    try {
      const payload = randomBytes(2 * 1024 * 1024);
      const reading = readToEnd(pair.client).catch(() => new Uint8Array());
      await writeAll(pair.server, payload);
      pair.server.close();
      const received = await withDeadline(reading, "the payload");
      assert.equal(received.length, payload.length, `round ${round}`);
      assert.equal(await sha256Hex(received), await sha256Hex(payload));
    } finally {
      closeBoth(pair);
    }
  }
});

Deno.test("TlsConnection reads from the network at most 256 KiB ahead of a reader that stops reading, holding the sender back, then delivers it all", async () => {
  const cert = await loopbackCert();
  const tcp = await tcpPair();
  let fromNetwork = 0;
  const read = tcp.server.read.bind(tcp.server);
  tcp.server.read = async (buffer) => {
    const n = await read(buffer);
    fromNetwork += n ?? 0;
    return n;
  };
  const [client, server] = await Promise.all([
    startTlsClient(tcp.client, {
      host: "127.0.0.1",
      verify: { kind: "pin", fingerprint: cert.fingerprint },
    }),
    startTlsServer(tcp.server, { cert: cert.certPem, key: cert.keyPem }),
  ]);
  try {
    const payload = randomBytes(32 * 1024 * 1024);
    let accepted = 0;
    const sending = (async () => {
      for (let at = 0; at < payload.length; at += 64 * 1024) {
        accepted += await client.write(payload.subarray(at, at + 64 * 1024));
      }
      await client.closeWrite();
    })();
    // The server's application reads nothing yet: what TLS takes from the network stays bounded.
    await waitFor(() => fromNetwork >= INCOMING_LIMIT, "the first bytes to arrive");
    await delay(300); // Time for an unbounded reader to run far past the limit.
    assert.ok(fromNetwork <= INCOMING_LIMIT + 64 * 1024, `read ${fromNetwork} bytes ahead`);
    assert.ok(accepted < payload.length, "the sender was held back");
    const received = await withDeadline(readToEnd(server), "the whole payload", 20_000);
    await sending;
    assert.equal(await sha256Hex(received), await sha256Hex(payload));
  } finally {
    closeBoth({ client, server });
  }
});
