import { assertEquals, assertIncludes, assertRejects } from "../_helpers/assert.ts";
import { freePort } from "../_helpers/free_port.ts";
import { UserError } from "../../src/errors.ts";
import { dial } from "../../src/net/dial.ts";
import { resolveHost } from "../../src/net/resolve_host.ts";

Deno.test("dial() connects when a server listens on the address", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  using conn = await dial({ host: "127.0.0.1", port: listener.addr.port });
  using accepted = await listener.accept();
  assertEquals(conn.remoteAddr.port, listener.addr.port);
  assertEquals(accepted.remoteAddr.port, conn.localAddr.port);
});

Deno.test("dial() throws the refused sentence with the serve command when nobody listens", async () => {
  const port = freePort();
  const error = await assertRejects(() => dial({ host: "127.0.0.1", port }), UserError);
  assertEquals(
    error.message,
    `nobody is listening on 127.0.0.1:${port} (connection refused); start the server there with: tp1 serve -p ${port}`,
  );
});

Deno.test("dial() brackets an IPv6 address in the refused sentence when nobody listens on ::1", async () => {
  const port = freePort("::1");
  const error = await assertRejects(() => dial({ host: "::1", port }), UserError);
  assertIncludes(error.message, `nobody is listening on [::1]:${port} (connection refused)`);
});

Deno.test("dial() connects to localhost when the server listens on 127.0.0.1 only", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  using conn = await dial({ host: "localhost", port: listener.addr.port });
  (await listener.accept()).close();
  assertEquals(conn.remoteAddr.hostname, "127.0.0.1");
});

Deno.test("dial() falls back to the next address when the first one refuses (localhost as ::1 then 127.0.0.1)", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const resolve = (host: string) => {
    assertEquals(host, "localhost");
    return Promise.resolve(["::1", "127.0.0.1"]);
  };
  using conn = await dial({ host: "localhost", port: listener.addr.port }, { resolve });
  (await listener.accept()).close();
  assertEquals(conn.remoteAddr.hostname, "127.0.0.1");
});

Deno.test("dial() reports the target as typed, not the last address tried, when every address fails", async () => {
  const port = freePort();
  const resolve = () => Promise.resolve(["::1", "127.0.0.1"]);
  const error = await assertRejects(
    () => dial({ host: "localhost", port }, { resolve }),
    UserError,
  );
  assertIncludes(error.message, `nobody is listening on localhost:${port} (connection refused)`);
});

Deno.test("dial() stops without trying when the signal is already aborted (Ctrl-C)", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const signal = AbortSignal.abort();
  await assertRejects(
    () => dial({ host: "127.0.0.1", port: listener.addr.port }, { signal }),
    Error,
  );
});

Deno.test("resolveHost() returns an IP literal unchanged without a lookup", async () => {
  assertEquals(await resolveHost("192.168.100.4"), ["192.168.100.4"]);
  assertEquals(await resolveHost("::1"), ["::1"]);
  assertEquals(await resolveHost("fe80::1%eth0"), ["fe80::1%eth0"]);
});

Deno.test("resolveHost() finds localhost's loopback address when it is in /etc/hosts", async () => {
  const addresses = await resolveHost("localhost");
  assertEquals(addresses.some((a) => a === "127.0.0.1" || a === "::1"), true, String(addresses));
});

Deno.test("resolveHost() gives a next step when no DNS server answers (EAI_AGAIN)", async () => {
  const noAnswer = () =>
    Promise.reject(Object.assign(new Error("getaddrinfo EAI_AGAIN vm1"), {
      code: "EAI_AGAIN",
    }));
  const error = await assertRejects(() => resolveHost("vm1", noAnswer), UserError);
  assertIncludes(error.message, "no DNS server answered");
  assertIncludes(error.message, "use the server's IP address instead");
});

Deno.test("dial() takes over a connection already under way to the target instead of dialing again", async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  const underWay = { host: "127.0.0.1", port, conn: Deno.connect({ hostname: "127.0.0.1", port }) };
  using conn = await dial({ host: "127.0.0.1", port }, { underWay, timeoutMs: 5_000 });
  assertEquals(conn, await underWay.conn);
  using accepted = await listener.accept();
  assertEquals(accepted.remoteAddr.port, conn.localAddr.port);
});

Deno.test("dial() gives a connection under way the time limit, and says it timed out", async () => {
  const never = new Promise<Deno.TcpConn>(() => {});
  const underWay = { host: "127.0.0.1", port: 7, conn: never };
  const error = await assertRejects(
    () => dial({ host: "127.0.0.1", port: 7 }, { underWay, timeoutMs: 50 }),
    UserError,
  );
  assertIncludes(error.message, "127.0.0.1:7");
  assertIncludes(error.message, "no answer");
});

Deno.test("dial() reports a connection under way that was refused as its own refusal", async () => {
  const port = freePort();
  const underWay = { host: "127.0.0.1", port, conn: Deno.connect({ hostname: "127.0.0.1", port }) };
  const error = await assertRejects(
    () => dial({ host: "127.0.0.1", port }, { underWay }),
    UserError,
  );
  assertIncludes(error.message, `nobody is listening on 127.0.0.1:${port} (connection refused)`);
});
