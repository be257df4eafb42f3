import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { PatientAcceptor } from "../../src/net/accept_next.ts";
import { QUIET_MS } from "../../src/net/accept_trouble.ts";
import { ManualClock } from "../_helpers/manual_clock.ts";

/** A listener whose accept() fails with each of `failures` in turn, then hands out `conn`. */
function failingListener(failures: Error[], conn: Deno.TcpConn): Deno.TcpListener {
  let closed = false;
  return {
    accept: () => {
      if (closed) return Promise.reject(new Deno.errors.BadResource("closed"));
      const failure = failures.shift();
      return failure ? Promise.reject(failure) : Promise.resolve(conn);
    },
    close: () => closed = true,
  } as unknown as Deno.TcpListener;
}

const emfile = () => Object.assign(new Error("Too many open files"), { code: "EMFILE" });
const someConn = {} as Deno.TcpConn;

Deno.test("PatientAcceptor waits out failing accepts and reports the trouble once", async () => {
  const reports: string[] = [];
  const listener = failingListener([emfile(), emfile(), emfile()], someConn);
  const acceptor = new PatientAcceptor(listener, (line) => reports.push(line));
  assertEquals(await acceptor.next(), someConn);
  assertEquals(reports.length, 1);
  assertMatch(reports[0], /EMFILE/);
});

Deno.test("PatientAcceptor keeps going after an accept error it does not know (no exit)", async () => {
  const reports: string[] = [];
  const listener = failingListener([new Error("something odd")], someConn);
  const acceptor = new PatientAcceptor(listener, (line) => reports.push(line));
  assertEquals(await acceptor.next(), someConn);
  assertEquals(reports, [
    "cannot accept new connections: something odd; they wait in the queue and are taken as soon as descriptors free up",
  ]);
});

Deno.test("PatientAcceptor reports the end of the trouble once accepts stay quiet", async () => {
  const reports: string[] = [];
  const clock = new ManualClock();
  const listener = failingListener([emfile()], someConn);
  const acceptor = new PatientAcceptor(listener, (line) => reports.push(line), clock);
  await acceptor.next();
  clock.advance(QUIET_MS - 1);
  assertEquals(reports.length, 1);
  clock.advance(1);
  assertEquals(reports.length, 2);
  assertMatch(reports[1], /^accepting connections again/);
});

Deno.test("PatientAcceptor.next() is undefined once the listener is closed", async () => {
  const listener = failingListener([], someConn);
  listener.close();
  assertEquals(await new PatientAcceptor(listener, () => {}).next(), undefined);
});

/**
 * A listener whose accept() fails with each of `failures` in turn, then waits
 * for a client that never comes (until closed); `waiting` resolves then.
 */
function emptyAfterFailing(failures: Error[]): Deno.TcpListener & { waiting: Promise<void> } {
  const waiting = Promise.withResolvers<void>();
  const closed = Promise.withResolvers<never>();
  return {
    waiting: waiting.promise,
    accept: () => {
      const failure = failures.shift();
      if (failure) return Promise.reject(failure);
      waiting.resolve();
      return closed.promise;
    },
    close: () => closed.reject(new Deno.errors.BadResource("closed")),
  } as unknown as Deno.TcpListener & { waiting: Promise<void> };
}

Deno.test("PatientAcceptor reports the end of the trouble when the last accept() fails and nobody comes after", async () => {
  // Linux's accept() fails with EMFILE before it looks at the queue: right after the
  // last waiting client is taken, the next accept() can fail with nobody there. Then
  // no success follows, and accept() merely waiting without failing must end the trouble.
  const reports: string[] = [];
  const clock = new ManualClock();
  const listener = emptyAfterFailing([emfile()]);
  const acceptor = new PatientAcceptor(listener, (line) => reports.push(line), clock);
  const next = acceptor.next();
  await listener.waiting;
  clock.advance(QUIET_MS - 1);
  assertEquals(reports.length, 1);
  clock.advance(1);
  assertEquals(reports.length, 2, reports.join("\n"));
  assertMatch(reports[1], /^accepting connections again/);
  listener.close();
  assertEquals(await next, undefined);
  assertEquals(clock.pending, 0);
});
