import { assertEquals } from "../_helpers/assert.ts";
import { sanitizeForDisplay } from "../../src/core/display_sanitizer.ts";

Deno.test("sanitizeForDisplay() leaves text unchanged when it has nothing a terminal would obey", () => {
  const text = "hello, wörld — 你好 😀 tab\there ~!@#$%^&*()";
  assertEquals(sanitizeForDisplay(text), text);
});

Deno.test("sanitizeForDisplay() shows ESC as \\e when a peer sends a colour or cursor sequence", () => {
  assertEquals(sanitizeForDisplay("\x1b[31mred\x1b[0m"), "\\e[31mred\\e[0m");
  assertEquals(sanitizeForDisplay("\x1b[2J\x1b[H"), "\\e[2J\\e[H");
});

Deno.test("sanitizeForDisplay() escapes a window-title OSC sequence and its BEL when a peer sends one", () => {
  assertEquals(sanitizeForDisplay("\x1b]0;pwned\x07"), "\\e]0;pwned\\a");
});

Deno.test("sanitizeForDisplay() uses the C names when the control characters have one", () => {
  assertEquals(sanitizeForDisplay("\0\x07\b\n\v\f\r"), "\\0\\a\\b\\n\\v\\f\\r");
});

Deno.test("sanitizeForDisplay() shows other C0 controls and DEL as \\xNN when they have no name", () => {
  assertEquals(sanitizeForDisplay("\x01\x04\x1f\x7f"), "\\x01\\x04\\x1f\\x7f");
});

Deno.test("sanitizeForDisplay() escapes C1 controls when a peer sends the 8-bit CSI", () => {
  assertEquals(sanitizeForDisplay("\x9b2J\x80\x9f"), "\\x9b2J\\x80\\x9f");
});

Deno.test("sanitizeForDisplay() escapes bidirectional overrides when a peer tries to reorder text", () => {
  assertEquals(sanitizeForDisplay("abc\u202edef\u2066\u2069"), "abc\\u{202e}def\\u{2066}\\u{2069}");
  assertEquals(sanitizeForDisplay("\u200e\u200f\u061c"), "\\u{200e}\\u{200f}\\u{61c}");
});

Deno.test("sanitizeForDisplay() keeps TAB and U+FFFD when they come from a peer", () => {
  assertEquals(sanitizeForDisplay("a\tb\ufffd"), "a\tb\ufffd");
});

Deno.test("sanitizeForDisplay() output contains no control character whatever the input", () => {
  let all = "";
  for (let code = 0; code < 0x100; code++) all += String.fromCharCode(code);
  const shown = sanitizeForDisplay(all);
  // deno-lint-ignore no-control-regex -- looking for control characters is the point.
  const leftover = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/.exec(shown);
  assertEquals(leftover, null);
});

Deno.test("sanitizeForDisplay() escapes U+2028 and U+2029 when a peer sends a line or paragraph separator", () => {
  assertEquals(sanitizeForDisplay("one\u2028two\u2029three"), "one\\u{2028}two\\u{2029}three");
});

Deno.test("sanitizeForDisplay() escapes zero-width and invisible characters when a peer hides text with them", () => {
  assertEquals(sanitizeForDisplay("ser\u200bver"), "ser\\u{200b}ver");
  assertEquals(
    sanitizeForDisplay("\ufeffbom\u2060wj\u180emvs"),
    "\\u{feff}bom\\u{2060}wj\\u{180e}mvs",
  );
  assertEquals(
    sanitizeForDisplay("soft\xadhyphen\u034fcgj\u3164"),
    "soft\\xadhyphen\\u{34f}cgj\\u{3164}",
  );
  // A joiner between Latin letters or at an edge only hides a difference.
  assertEquals(sanitizeForDisplay("ad\u200dmin\u200c"), "ad\\u{200d}min\\u{200c}");
  assertEquals(sanitizeForDisplay("\u200d😀"), "\\u{200d}😀");
});

Deno.test("sanitizeForDisplay() keeps a joiner where it joins: emoji sequences, Persian and Indic words", () => {
  for (
    const text of [
      "👩\u200d💻",
      "👨\u200d👩\u200d👧",
      "👍🏽\u200d🔥",
      "❤\ufe0f\u200d🔥",
      "می\u200cخواهم",
      "क्\u200dष",
    ]
  ) {
    assertEquals(sanitizeForDisplay(text), text);
  }
});
