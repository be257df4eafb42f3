import { assertEquals } from "../_helpers/assert.ts";
import { TerminalSafeStream } from "../../src/core/terminal_safe_stream.ts";
import { utf8 } from "../_helpers/bytes.ts";

Deno.test("TerminalSafeStream shows escape sequences escaped and keeps line breaks and tabs", () => {
  const safe = new TerminalSafeStream();
  assertEquals(
    safe.push(utf8("\x1b[2J\x1b[31mred\x1b]0;title\x07\nok\tfine\r\n")),
    "\\e[2J\\e[31mred\\e]0;title\\a\nok\tfine\n",
  );
});

Deno.test("TerminalSafeStream decodes UTF-8 and CRLF split across chunks", () => {
  const safe = new TerminalSafeStream();
  const bytes = utf8("é\r\nx\ry");
  assertEquals(safe.push(bytes.subarray(0, 1)), "");
  assertEquals(safe.push(bytes.subarray(1, 3)), "é");
  assertEquals(safe.push(bytes.subarray(3)), "\nx\\ry");
  assertEquals(safe.push(utf8("a\r")), "a");
  assertEquals(safe.end(), "\\r");
});
