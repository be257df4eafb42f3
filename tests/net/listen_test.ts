import { assertEquals, assertIncludes, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { canRead } from "../_helpers/permissions.ts";
import { UserError } from "../../src/errors.ts";
import { listen } from "../../src/net/listen.ts";

Deno.test("listen() accepts IPv4 and IPv6 clients when no host is given", async () => {
  using listener = await listen(0);
  const { port } = listener.addr;
  for (const hostname of ["127.0.0.1", "::1"]) {
    using conn = await Deno.connect({ hostname, port });
    using accepted = await listener.accept();
    assertEquals(accepted.localAddr.port, port);
    assertEquals(conn.remoteAddr.port, port);
  }
});

Deno.test("listen() binds the one address when a host is given", async () => {
  using listener = await listen(0, "127.0.0.1");
  assertEquals(listener.addr.hostname, "127.0.0.1");
});

Deno.test("listen() throws the port-in-use sentence when another socket holds the port", async () => {
  using holder = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const { port } = holder.addr;
  const error = await assertRejects(() => listen(port), UserError);
  assertMatch(error.message, new RegExp(`^port ${port} is already in use`));
  assertIncludes(error.message, "pick another port with -p");
});

Deno.test({
  name: "listen() names the process holding the port when /proc can be read (needs --allow-read)",
  ignore: !canRead,
}, async () => {
  using holder = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = holder.addr;
  const error = await assertRejects(() => listen(port, "127.0.0.1"), UserError);
  assertIncludes(error.message, `held by pid ${Deno.pid} (`);
  assertIncludes(error.message, `stop it with: kill ${Deno.pid}`);
});

Deno.test("listen() says the address is not this machine's when --host names a foreign one", async () => {
  // Binding fails locally (EADDRNOTAVAIL); no packet is sent. 203.0.113.0/24 is TEST-NET-3.
  const error = await assertRejects(() => listen(0, "203.0.113.7"), UserError);
  assertEquals(
    error.message,
    "203.0.113.7 is not an address of this machine; leave out --host to listen on every interface",
  );
});

Deno.test("listen() says the host is unknown when --host names one that does not resolve", async () => {
  // The lookup is the test's own: no DNS query leaves the machine, and listening is never tried.
  const noSuchName = () => Promise.reject(Object.assign(new Error("nope"), { code: "ENOTFOUND" }));
  const error = await assertRejects(() => listen(0, "no-such-host.invalid", noSuchName), UserError);
  assertEquals(
    error.message,
    'unknown host "no-such-host.invalid": the name does not resolve; check the spelling or use an IP address',
  );
});

Deno.test("listen() listens on a host name that resolves", async () => {
  const local = () => Promise.resolve([{ address: "127.0.0.1" }]);
  using listener = await listen(0, "localhost", local);
  assertMatch(listener.addr.hostname, /^(127\.0\.0\.1|::1)$/);
});
