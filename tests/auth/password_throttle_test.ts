/**
 * The password throttle's promises, on an injected clock: a budget of attempts
 * per source (the first few free, then one per interval), a throttled source
 * refused at once with the time to come back, a bound on pending attempts,
 * other sources unaffected, right answers free, and memory that empties.
 */
import { assertEquals } from "../_helpers/assert.ts";
import {
  type AttemptDecision,
  type AttemptTicket,
  PasswordThrottle,
  type ThrottleLimits,
} from "../../src/auth/password_throttle.ts";

const LIMITS: ThrottleLimits = { burst: 3, refillMs: 10_000, maxPending: 2 };

/** A throttle on a clock the test moves by hand. */
function throttleAt(limits = LIMITS) {
  const clock = { now: 1_000_000 };
  const throttle = new PasswordThrottle(() => clock.now, limits);
  return { clock, throttle };
}

function ticketOf(decision: AttemptDecision): AttemptTicket {
  assertEquals(
    decision.kind,
    "go",
    `expected the attempt to go ahead: ${JSON.stringify(decision)}`,
  );
  return (decision as { ticket: AttemptTicket }).ticket;
}

/** One wrong attempt from `source`, which must be allowed. */
function guessWrong(throttle: PasswordThrottle, source: string): void {
  ticketOf(throttle.begin(source)).settle("wrong");
}

Deno.test("PasswordThrottle lets a source make its first few attempts, then refuses the next at once with when to retry", () => {
  const { throttle } = throttleAt();
  for (let i = 0; i < LIMITS.burst; i++) guessWrong(throttle, "127.0.0.2");
  assertEquals(throttle.begin("127.0.0.2"), {
    kind: "throttled",
    retryInMs: 10_000,
    firstRefusal: true,
  });
  assertEquals(throttle.begin("127.0.0.2"), {
    kind: "throttled",
    retryInMs: 10_000,
    firstRefusal: false,
  }, "later refusals are not the first of their run");
});

Deno.test("PasswordThrottle gives a throttled source one attempt per interval, however hard it tries", () => {
  const { clock, throttle } = throttleAt();
  let allowed = 0;
  // An attacker trying every 50 ms for ten simulated minutes.
  for (let t = 0; t < 600_000; t += 50) {
    clock.now += 50;
    const decision = throttle.begin("127.0.0.2");
    if (decision.kind === "go") {
      allowed++;
      decision.ticket.settle("wrong");
    }
  }
  // The burst in the first 150 ms, then one at the end of each whole interval after it: 59.
  assertEquals(allowed, LIMITS.burst + 59);
});

Deno.test("PasswordThrottle says how long until the next attempt may go ahead", () => {
  const { clock, throttle } = throttleAt();
  for (let i = 0; i < LIMITS.burst; i++) guessWrong(throttle, "127.0.0.2");
  clock.now += 4_000;
  const decision = throttle.begin("127.0.0.2");
  assertEquals(decision.kind, "throttled");
  assertEquals((decision as { retryInMs: number }).retryInMs, 6_000);
  clock.now += 6_000;
  const ticket = ticketOf(throttle.begin("127.0.0.2"));
  assertEquals(ticket.refusedBefore, 1, "the refusals since the last attempt are reported");
});

Deno.test("PasswordThrottle leaves other sources alone while one is throttled", () => {
  const { throttle } = throttleAt();
  for (let i = 0; i < LIMITS.burst; i++) guessWrong(throttle, "127.0.0.2");
  assertEquals(throttle.begin("127.0.0.2").kind, "throttled");
  for (const other of ["127.0.0.3", "::1", "::ffff:127.0.0.2"]) {
    ticketOf(throttle.begin(other)).settle("right");
  }
  for (let i = 0; i < LIMITS.burst; i++) guessWrong(throttle, "127.0.0.3");
  assertEquals(throttle.begin("127.0.0.3").kind, "throttled");
});

Deno.test("PasswordThrottle charges pending attempts, so parallel connections cannot overdraw the budget", () => {
  const { throttle } = throttleAt({ burst: 3, refillMs: 10_000, maxPending: 10 });
  const pending = [1, 2, 3].map(() => ticketOf(throttle.begin("127.0.0.2")));
  assertEquals(throttle.begin("127.0.0.2").kind, "throttled", "three are awaiting their answer");
  for (const ticket of pending) ticket.settle("wrong");
  assertEquals(throttle.begin("127.0.0.2").kind, "throttled");
});

Deno.test("PasswordThrottle refuses a source with too many answers pending, until one is settled", () => {
  const { throttle } = throttleAt();
  const first = ticketOf(throttle.begin("127.0.0.2"));
  ticketOf(throttle.begin("127.0.0.2"));
  assertEquals(throttle.begin("127.0.0.2"), { kind: "busy", firstRefusal: true });
  ticketOf(throttle.begin("127.0.0.3")).settle("right");
  first.settle("no-answer");
  ticketOf(throttle.begin("127.0.0.2"));
});

Deno.test("PasswordThrottle does not charge right answers nor attempts left unanswered", () => {
  const { throttle } = throttleAt();
  for (let i = 0; i < 50; i++) ticketOf(throttle.begin("127.0.0.1")).settle("right");
  for (let i = 0; i < 50; i++) ticketOf(throttle.begin("127.0.0.1")).settle("no-answer");
  for (let i = 0; i < LIMITS.burst; i++) guessWrong(throttle, "127.0.0.1");
  assertEquals(throttle.begin("127.0.0.1").kind, "throttled", "wrong ones still count");
});

Deno.test("PasswordThrottle settles a ticket once: settling it again gives nothing back", () => {
  const { throttle } = throttleAt();
  const ticket = ticketOf(throttle.begin("127.0.0.2"));
  ticket.settle("wrong");
  ticket.settle("right");
  ticket.settle("no-answer");
  guessWrong(throttle, "127.0.0.2");
  guessWrong(throttle, "127.0.0.2");
  assertEquals(throttle.begin("127.0.0.2").kind, "throttled");
});

Deno.test("PasswordThrottle restores a quiet source's whole budget and then forgets it", () => {
  const { clock, throttle } = throttleAt();
  for (let i = 0; i < LIMITS.burst; i++) guessWrong(throttle, "127.0.0.2");
  guessWrong(throttle, "127.0.0.4");
  assertEquals(throttle.size, 2);
  clock.now += LIMITS.burst * LIMITS.refillMs;
  for (let i = 0; i < LIMITS.burst; i++) guessWrong(throttle, "127.0.0.2");
  clock.now += LIMITS.burst * LIMITS.refillMs;
  ticketOf(throttle.begin("127.0.0.5")).settle("right");
  assertEquals(throttle.size, 0, "sources with their whole budget are not remembered");
});
