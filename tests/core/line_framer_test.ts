import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { DEFAULT_MAX_LINE, LineFramer } from "../../src/core/line_framer.ts";

Deno.test("LineFramer.push() returns each complete line when LF ends it", () => {
  const framer = new LineFramer();
  assertEquals(framer.push("one\ntwo\n"), ["one", "two"]);
  assertEquals(framer.hasPartial, false);
});

Deno.test("LineFramer.push() drops the CR of CRLF when a telnet-style peer ends lines with it", () => {
  const framer = new LineFramer();
  assertEquals(framer.push("hello\r\nworld\r\n"), ["hello", "world"]);
});

Deno.test("LineFramer.push() keeps a CR that is not before LF when it is inside a line", () => {
  const framer = new LineFramer();
  assertEquals(framer.push("a\rb\n"), ["a\rb"]);
});

Deno.test("LineFramer.push() joins a line split across chunks when the LF comes later", () => {
  const framer = new LineFramer();
  assertEquals(framer.push("hel"), []);
  assertEquals(framer.hasPartial, true);
  assertEquals(framer.push("lo\r"), []);
  assertEquals(framer.push("\nnext"), ["hello"]);
  assertEquals(framer.flush(), "next");
});

Deno.test("LineFramer.push() returns empty lines when a peer sends blank lines", () => {
  const framer = new LineFramer();
  assertEquals(framer.push("\n\r\n\n"), ["", "", ""]);
});

Deno.test("LineFramer.flush() returns the partial line once when nothing ends it", () => {
  const framer = new LineFramer();
  framer.push("no newline");
  assertEquals(framer.flush(), "no newline");
  assertEquals(framer.hasPartial, false);
  assertEquals(framer.flush(), undefined);
});

Deno.test("LineFramer.flush() returns undefined when nothing is pending", () => {
  assertEquals(new LineFramer().flush(), undefined);
});

Deno.test("LineFramer.push() does not show an empty line when the LF arrives after an idle flush", () => {
  const framer = new LineFramer();
  framer.push("hello");
  assertEquals(framer.flush(), "hello");
  assertEquals(framer.push("\n"), []);
  assertEquals(framer.push("world\n"), ["world"]);
});

Deno.test("LineFramer.push() does not show an empty line when the CRLF arrives after an idle flush", () => {
  const framer = new LineFramer();
  framer.push("hello\r");
  assertEquals(framer.flush(), "hello");
  assertEquals(framer.push("\r\nworld\r\n"), ["world"]);
});

Deno.test("LineFramer.push() does not show an empty line when CR and LF arrive apart after an idle flush", () => {
  const framer = new LineFramer();
  framer.push("hello");
  assertEquals(framer.flush(), "hello");
  assertEquals(framer.push("\r"), []);
  assertEquals(framer.push("\n"), []);
  assertEquals(framer.push("next\n"), ["next"]);
});

Deno.test("LineFramer.flush() shows nothing when only the CR of a flushed line's CRLF has come", () => {
  const framer = new LineFramer();
  framer.push("hello");
  assertEquals(framer.flush(), "hello");
  assertEquals(framer.push("\r"), []);
  assertEquals(framer.flush(), undefined);
  assertEquals(framer.push("\nworld\n"), ["world"]);
});

Deno.test("LineFramer.push() shows the rest of a line as a new line when it continues after an idle flush", () => {
  const framer = new LineFramer();
  framer.push("hel");
  assertEquals(framer.flush(), "hel");
  assertEquals(framer.push("lo\n"), ["lo"]);
  // Only the first newline after a flush is absorbed: a later blank line is real.
  assertEquals(framer.push("\n"), [""]);
});

Deno.test("LineFramer.push() keeps a blank line when it follows a line that was flushed and then ended", () => {
  const framer = new LineFramer();
  framer.push("a");
  framer.flush();
  assertEquals(framer.push("\n\n"), [""]);
});

Deno.test("LineFramer.push() cuts a long line into pieces of maxLine when no LF comes", () => {
  const framer = new LineFramer(4);
  assertEquals(framer.push("abcdefghij"), ["abcd", "efgh"]);
  assertEquals(framer.flush(), "ij");
});

Deno.test("LineFramer.push() cuts a long complete line into pieces of maxLine when it ends", () => {
  const framer = new LineFramer(4);
  assertEquals(framer.push("abcdefghij\n"), ["abcd", "efgh", "ij"]);
});

Deno.test("LineFramer.push() adds no empty piece when a line is exactly a multiple of maxLine", () => {
  const framer = new LineFramer(4);
  assertEquals(framer.push("abcdefgh"), ["abcd"]);
  assertEquals(framer.push("\n"), ["efgh"]);
  assertEquals(framer.push("ijkl\r\n"), ["ijkl"]);
});

Deno.test("LineFramer.push() adds no empty piece when the CR of a maxLine-long CRLF line arrives alone", () => {
  const framer = new LineFramer(4);
  assertEquals(framer.push("abcd\r"), []);
  assertEquals(framer.push("\n"), ["abcd"]);
});

Deno.test("LineFramer.push() never splits a surrogate pair when it cuts a long line", () => {
  const framer = new LineFramer(4);
  const pieces = framer.push("abc😀def\n");
  assertEquals(pieces.join(""), "abc😀def");
  for (const piece of pieces) {
    assertEquals(piece.length <= 4, true, `piece ${JSON.stringify(piece)} is too long`);
    assertEquals(piece.isWellFormed(), true, `piece ${JSON.stringify(piece)} splits a pair`);
  }
});

Deno.test("LineFramer.push() keeps memory bounded when a peer sends 1 MB without a newline", () => {
  const framer = new LineFramer();
  const chunk = "x".repeat(64 * 1024);
  let shown = 0;
  for (let i = 0; i < 16; i++) {
    for (const piece of framer.push(chunk)) {
      assertEquals(piece.length, DEFAULT_MAX_LINE);
      shown += piece.length;
    }
  }
  assertEquals(shown + (framer.flush()?.length ?? 0), 16 * chunk.length);
});

Deno.test("new LineFramer() throws RangeError when maxLine is too small or not an integer", () => {
  assertThrows(() => new LineFramer(1), RangeError, "got 1");
  assertThrows(() => new LineFramer(2.5), RangeError, "got 2.5");
});
