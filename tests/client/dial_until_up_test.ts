import { assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
/** `connect --wait`: which failures are waited out and which end at once, told apart by kind. */
import { UserError } from "../../src/errors.ts";
import { dialUntilUp } from "../../src/client/dial_until_up.ts";
import { LookupError } from "../../src/net/resolve_host.ts";

const target = { host: "lab-server", port: 9 };

Deno.test("dialUntilUp() gives up at once on a host that does not exist", async () => {
  let lookups = 0;
  const retries: string[] = [];
  await assertRejects(
    () =>
      dialUntilUp(target, {
        waitMs: 60_000,
        resolve: () => {
          lookups++;
          return Promise.reject(new LookupError("unknown-host", `unknown host "lab-server"`));
        },
        onRetry: (_attempt, _next, reason) => retries.push(reason),
      }),
    LookupError,
  );
  assertEquals(lookups, 1);
  assertEquals(retries, []);
});

Deno.test("dialUntilUp() waits out a DNS server that does not answer yet, until its deadline", async () => {
  let lookups = 0;
  const retries: number[] = [];
  const error = await assertRejects(
    () =>
      dialUntilUp(target, {
        waitMs: 20,
        resolve: () => {
          lookups++;
          return Promise.reject(new LookupError("no-answer", `could not look up "lab-server"`));
        },
        onRetry: (attempt) => retries.push(attempt),
      }),
    UserError,
  );
  assertMatch(error.message, /^gave up waiting for lab-server:9 after 2 attempts/);
  assertEquals(lookups, 2);
  assertEquals(retries, [1]);
});
