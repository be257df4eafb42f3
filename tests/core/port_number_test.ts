/** Tests for `parsePortNumber`, the port validation every subcommand shares. */
import assert from "node:assert/strict";
import { parsePortNumber } from "../../src/core/port_number.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("parsePortNumber() returns the number when given decimal digits from 1 to 65535", () => {
  assert.equal(parsePortNumber("1"), 1);
  assert.equal(parsePortNumber("7999"), 7999);
  assert.equal(parsePortNumber("65535"), 65535);
  assert.equal(parsePortNumber("08080"), 8080);
});

Deno.test("parsePortNumber() throws a UsageError quoting the text when it is not a port", () => {
  for (
    const text of [
      "abc",
      "0",
      "70000",
      "65536",
      "",
      " 80",
      "80 ",
      "-1",
      "+80",
      "1e3",
      "0x1F",
      "7.5",
    ]
  ) {
    assert.throws(() => parsePortNumber(text), (error: unknown) => {
      assert.ok(error instanceof UsageError, `${JSON.stringify(text)} threw ${error}`);
      assert.equal(
        error.message,
        `port must be a whole number from 1 to 65535, got ${JSON.stringify(text)}`,
      );
      return true;
    });
  }
});
