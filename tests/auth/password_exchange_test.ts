import assert from "node:assert/strict";
import { FailureThrottle } from "../../src/auth/failure_throttle.ts";
import { askPassword, givePassword } from "../../src/auth/password_exchange.ts";
import { PASSWORD_REQUEST, passwordMatches } from "../../src/auth/password_protocol.ts";
import { readOneLine } from "../../src/auth/read_one_line.ts";
import { UserError } from "../../src/errors.ts";

/** A connected pair over loopback; both ends are closed by `using`. */
async function loopbackPair() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const [client, server] = await Promise.all([
    Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port }),
    listener.accept(),
  ]);
  listener.close();
  return {
    client,
    server,
    [Symbol.dispose]() {
      for (const conn of [client, server]) {
        try {
          conn.close();
        } catch { /* closed already */ }
      }
    },
  };
}

Deno.test("passwordMatches() accepts only the exact password", () => {
  assert.equal(passwordMatches("s3cret é", "s3cret é"), true);
  assert.equal(passwordMatches("s3cret", "s3cret "), false);
  assert.equal(passwordMatches("s3cret", ""), false);
});

Deno.test("FailureThrottle doubles the delay per failure and forgets after a success", () => {
  const throttle = new FailureThrottle();
  assert.deepEqual(
    [1, 2, 3, 4].map((i) => throttle.recordFailure("127.0.0.2", i)),
    [1000, 2000, 4000, 8000],
  );
  assert.equal(throttle.recordFailure("::1", 5), 1000, "other addresses are not slowed");
  throttle.recordSuccess("127.0.0.2");
  assert.equal(throttle.recordFailure("127.0.0.2", 6), 1000);
});

Deno.test("FailureThrottle forgets failures after a quiet minute", () => {
  const throttle = new FailureThrottle();
  throttle.recordFailure("127.0.0.2", 0);
  throttle.recordFailure("127.0.0.2", 1);
  assert.equal(throttle.recordFailure("127.0.0.2", 1 + 60_001), 1000);
});

Deno.test("readOneLine() stops at the newline and leaves the rest unread", async () => {
  using pair = await loopbackPair();
  await pair.client.write(new TextEncoder().encode("pass\r\nafter"));
  assert.equal(await readOneLine(pair.server, 64), "pass");
  const rest = new Uint8Array(16);
  const n = await pair.server.read(rest);
  assert.equal(new TextDecoder().decode(rest.subarray(0, n ?? 0)), "after");
});

Deno.test("readOneLine() returns null when the line is longer than the limit", async () => {
  using pair = await loopbackPair();
  await pair.client.write(new TextEncoder().encode("x".repeat(100) + "\n"));
  assert.equal(await readOneLine(pair.server, 10), null);
});

Deno.test("askPassword() and givePassword() agree when the password is right", async () => {
  using pair = await loopbackPair();
  const [verdict] = await Promise.all([
    askPassword(pair.server, "lab-7999", "127.0.0.1", new FailureThrottle()),
    givePassword(pair.client, "lab-7999", "127.0.0.1:7999", 5000),
  ]);
  assert.equal(verdict, "accepted");
});

Deno.test("givePassword() throws a UserError when the server refuses the password", async () => {
  using pair = await loopbackPair();
  const throttle = new FailureThrottle();
  // A prior failure would make this test wait 2 s; a fresh throttle waits 1 s.
  const [verdict, given] = await Promise.all([
    askPassword(pair.server, "right", "127.0.0.1", throttle),
    givePassword(pair.client, "wrong", "127.0.0.1:7999", 5000).then(() => "ok", (e) => e),
  ]);
  assert.equal(verdict, "wrong");
  assert.ok(given instanceof UserError);
  assert.match(given.message, /refused the password/);
});

Deno.test("givePassword() explains when the server never asks", async () => {
  using pair = await loopbackPair();
  await assert.rejects(
    givePassword(pair.client, "x", "127.0.0.1:7999", 100),
    (e: unknown) => e instanceof UserError && /did not ask for a password/.test(e.message),
  );
});

Deno.test("askPassword() sends the request line that nc users read", async () => {
  using pair = await loopbackPair();
  const asking = askPassword(pair.server, "pw", "127.0.0.1", new FailureThrottle());
  assert.equal(await readOneLine(pair.client, 4096), PASSWORD_REQUEST);
  await pair.client.write(new TextEncoder().encode("pw\n"));
  assert.equal(await asking, "accepted");
});
