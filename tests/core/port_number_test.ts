/** Tests for `parsePortNumber`, the port validation every subcommand shares. */
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { parsePortNumber } from "../../src/core/port_number.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("parsePortNumber() returns the number when given decimal digits from 1 to 65535", () => {
  assertEquals(parsePortNumber("1"), 1);
  assertEquals(parsePortNumber("7999"), 7999);
  assertEquals(parsePortNumber("65535"), 65535);
  assertEquals(parsePortNumber("08080"), 8080);
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
    assertEquals(
      assertThrows(() => parsePortNumber(text), UsageError).message,
      `port must be a whole number from 1 to 65535, got ${JSON.stringify(text)}`,
    );
  }
});
