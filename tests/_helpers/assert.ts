/**
 * The one assertion style of the tests: the few assertions they use, on top of
 * `node:assert/strict`, named like the std ones so the tests read familiarly
 * (JSR's `@std/assert` is unreachable here). Tests import these, not node:assert.
 */
import nodeAssert from "node:assert/strict";

/** Asserts that `condition` is truthy. */
export function assert(condition: unknown, message?: string): asserts condition {
  nodeAssert.ok(condition, message);
}

/** Asserts deep equality. */
export function assertEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.deepStrictEqual(actual, expected, message);
}

/** Asserts deep inequality. */
export function assertNotEquals<T>(actual: T, expected: T, message?: string): void {
  nodeAssert.notDeepStrictEqual(actual, expected, message);
}

/** Asserts that `text` contains `part`. */
export function assertIncludes(text: string, part: string, message?: string): void {
  nodeAssert.ok(
    text.includes(part),
    message ?? `expected ${JSON.stringify(text)} to include ${JSON.stringify(part)}`,
  );
}

/** Asserts that `text` matches `pattern`. */
export function assertMatch(text: string, pattern: RegExp, message?: string): void {
  nodeAssert.match(text, pattern, message);
}

/** Asserts that `text` does not match `pattern`. */
export function assertNotMatch(text: string, pattern: RegExp, message?: string): void {
  nodeAssert.doesNotMatch(text, pattern, message);
}

/** Asserts that `text` does not contain `part`. */
export function assertNotIncludes(text: string, part: string, message?: string): void {
  nodeAssert.ok(
    !text.includes(part),
    message ?? `expected ${JSON.stringify(text)} not to include ${JSON.stringify(part)}`,
  );
}

/** Asserts that `fn` throws an instance of `ErrorClass` whose message includes `includes`. */
export function assertThrows(
  fn: () => unknown,
  // deno-lint-ignore no-explicit-any -- any error constructor
  ErrorClass: new (...args: any[]) => Error,
  includes?: string,
): Error {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  nodeAssert.ok(thrown !== undefined, "expected the function to throw");
  nodeAssert.ok(
    thrown instanceof ErrorClass,
    `expected a ${ErrorClass.name}, got ${thrown instanceof Error ? thrown.name : typeof thrown}`,
  );
  if (includes !== undefined) assertIncludes((thrown as Error).message, includes);
  return thrown as Error;
}

/** Async `assertThrows`. */
export async function assertRejects(
  fn: () => Promise<unknown>,
  // deno-lint-ignore no-explicit-any -- any error constructor
  ErrorClass: new (...args: any[]) => Error,
  includes?: string,
): Promise<Error> {
  let thrown: unknown;
  try {
    await fn();
  } catch (error) {
    thrown = error;
  }
  nodeAssert.ok(thrown !== undefined, "expected the promise to reject");
  nodeAssert.ok(
    thrown instanceof ErrorClass,
    `expected a ${ErrorClass.name}, got ${
      thrown instanceof Error ? thrown.name : typeof thrown
    }: ${thrown}`,
  );
  if (includes !== undefined) assertIncludes((thrown as Error).message, includes);
  return thrown as Error;
}
