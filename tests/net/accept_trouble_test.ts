import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import {
  AcceptTrouble,
  describeAcceptError,
  MAX_RETRY_MS,
  QUIET_MS,
} from "../../src/net/accept_trouble.ts";

const emfile = Object.assign(new Error("Too many open files (os error 24)"), { code: "EMFILE" });
const enfile = Object.assign(new Error("Too many open files in system"), { code: "ENFILE" });

Deno.test("AcceptTrouble reports once when accept() starts failing, not on every retry", () => {
  const trouble = new AcceptTrouble();
  const first = trouble.failed(emfile, 0);
  assertMatch(first ?? "", /^cannot accept new connections: .*EMFILE/);
  for (let t = 25; t < 60_000; t += 25) assertEquals(trouble.failed(emfile, t), undefined);
  assertEquals(trouble.troubled, true);
});

Deno.test("AcceptTrouble reports the end once accept() has stayed quiet, and only then", () => {
  const trouble = new AcceptTrouble();
  trouble.failed(emfile, 0);
  trouble.failed(emfile, 2000);
  // Flapping: one success right after a failure is not the end of it.
  assertEquals(trouble.succeeded(2010), undefined);
  assertEquals(trouble.failed(emfile, 2020), undefined);
  assertEquals(trouble.succeeded(2020 + QUIET_MS - 1), undefined);
  assertEquals(
    trouble.succeeded(2020 + QUIET_MS),
    "accepting connections again (they could not be accepted for 2.0 s)",
  );
  assertEquals(trouble.troubled, false);
  assertEquals(trouble.succeeded(10_000), undefined);
});

Deno.test("AcceptTrouble reports again when the cause changes", () => {
  const trouble = new AcceptTrouble();
  trouble.failed(emfile, 0);
  assertMatch(trouble.failed(enfile, 10) ?? "", /the system has too many open files \(ENFILE\)/);
});

Deno.test("AcceptTrouble waits longer between retries while failing, up to a bound", () => {
  const trouble = new AcceptTrouble();
  const delays: number[] = [];
  for (let i = 0; i < 10; i++) {
    trouble.failed(emfile, i);
    delays.push(trouble.retryDelayMs());
  }
  assertEquals(delays.slice(0, 3), [25, 50, 100]);
  assertEquals(delays.at(-1), MAX_RETRY_MS);
  trouble.succeeded(20);
  trouble.failed(emfile, 30);
  assertEquals(trouble.retryDelayMs(), 25);
});

Deno.test("describeAcceptError() names the errno, or falls back to the message", () => {
  assertMatch(describeAcceptError(emfile), /too many open files \(EMFILE; ulimit -n/);
  assertEquals(describeAcceptError(new Error("odd")), "odd");
});
