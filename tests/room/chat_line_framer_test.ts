import {
  ChatLineFramer,
  completeUtf8Length,
  type FramedLine,
  plainRun,
} from "../../src/room/chat_line_framer.ts";
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";

function texts(lines: FramedLine[]): string[] {
  return lines.map((line) => line.text);
}

Deno.test("ChatLineFramer.push() returns each LF-ended line and drops a CR before the LF", () => {
  const framer = new ChatLineFramer();
  assertEquals(texts(framer.push(utf8("bonjour\r\nça va ?\nsans fin"))), ["bonjour", "ça va ?"]);
  assertEquals(framer.hasPartial, true);
  assertEquals(texts(framer.push(utf8(" de ligne\n"))), ["sans fin de ligne"]);
  assertEquals(framer.hasPartial, false);
});

Deno.test("ChatLineFramer.push() decodes a character split across pushes once, whole", () => {
  const framer = new ChatLineFramer();
  const bytes = utf8("café 🎉\n");
  const lines: FramedLine[] = [];
  for (const byte of bytes) lines.push(...framer.push(Uint8Array.of(byte)));
  assertEquals(lines, [{ text: "café 🎉" }]);
});

Deno.test("ChatLineFramer.push() turns invalid UTF-8 into U+FFFD", () => {
  const framer = new ChatLineFramer();
  assertEquals(texts(framer.push(Uint8Array.of(0x61, 0xff, 0x62, 0x0a))), ["a\ufffdb"]);
});

Deno.test("ChatLineFramer.push() does not keep a reference to the caller's buffer", () => {
  const framer = new ChatLineFramer();
  const buffer = utf8("partial");
  framer.push(buffer);
  buffer.fill(0x21);
  assertEquals(texts(framer.push(utf8(" line\n"))), ["partial line"]);
});

Deno.test("ChatLineFramer.flush() returns the partial line but keeps an incomplete character", () => {
  const framer = new ChatLineFramer();
  const euro = utf8("€"); // 3 bytes
  framer.push(utf8("prix: 5"));
  framer.push(euro.subarray(0, 2));
  assertEquals(framer.flush(), { text: "prix: 5" });
  assertEquals(framer.flush(), undefined, "an incomplete character alone is not flushed");
  assertEquals(texts(framer.push(Uint8Array.of(euro[2], 0x0a))), ["€"]);
});

Deno.test("ChatLineFramer.push() ends an idle-flushed line with the LF or CRLF that follows", () => {
  const framer = new ChatLineFramer();
  framer.push(utf8("hello"));
  assertEquals(framer.flush(), { text: "hello" });
  assertEquals(framer.push(utf8("\n")), [], "the LF ends the line already shown");
  framer.push(utf8("typed slowly"));
  assertEquals(framer.flush(), { text: "typed slowly" });
  assertEquals(framer.push(utf8("\r")), []);
  assertEquals(texts(framer.push(utf8("\nnext\n"))), ["next"], "CR and LF apart are one ending");
  framer.push(utf8("no newline"));
  framer.flush();
  assertEquals(texts(framer.push(utf8("more\n"))), ["more"], "new text is a new line");
});

Deno.test("ChatLineFramer cuts a line longer than the cap and drops the rest until its LF", () => {
  const framer = new ChatLineFramer(8);
  assertEquals(framer.push(utf8("0123456789abcdef\nok\n")), [
    { text: "01234567", cutAt: 8 },
    { text: "ok" },
  ]);
});

Deno.test("ChatLineFramer holds at most the cap of an endless line, whatever arrives", () => {
  const framer = new ChatLineFramer(8);
  const lines: FramedLine[] = [];
  lines.push(...framer.push(utf8("0123")));
  lines.push(...framer.push(utf8("456789")));
  for (let i = 0; i < 1000; i++) lines.push(...framer.push(utf8("x".repeat(100))));
  assertEquals(lines, [{ text: "01234567", cutAt: 8 }]);
  assertEquals(framer.hasPartial, false, "the dropped rest is not held");
  assertEquals(texts(framer.push(utf8("still dropped\nnext\n"))), ["next"]);
});

Deno.test("ChatLineFramer cuts before a character that would straddle the cap", () => {
  const framer = new ChatLineFramer(8);
  assertEquals(framer.push(utf8("abcdefgé\n")), [{ text: "abcdefg", cutAt: 8 }]);
});

Deno.test("ChatLineFramer accepts a line of exactly the cap, even with its CR arriving apart", () => {
  const framer = new ChatLineFramer(8);
  assertEquals(framer.push(utf8("12345678\r")), []);
  assertEquals(framer.push(utf8("\n")), [{ text: "12345678" }]);
});

Deno.test("ChatLineFramer.end() returns what is left at end of input", () => {
  const framer = new ChatLineFramer();
  framer.push(utf8("last words"));
  assertEquals(framer.end(), { text: "last words" });
  assertEquals(framer.end(), undefined);
});

Deno.test("ChatLineFramer rejects a cap too small to hold one character", () => {
  assertThrows(() => new ChatLineFramer(3), RangeError, "at least 4");
});

Deno.test("completeUtf8Length() stops before a character whose bytes have not all arrived", () => {
  const emoji = utf8("a🎉"); // 1 + 4 bytes
  for (let end = 1; end < emoji.length; end++) {
    assertEquals(completeUtf8Length(emoji.subarray(0, end)), 1, `first ${end} bytes`);
  }
  assertEquals(completeUtf8Length(emoji), 5);
  assertEquals(completeUtf8Length(Uint8Array.of(0x80, 0x80, 0x80, 0x80, 0x80)), 5);
});

Deno.test("ChatLineFramer.push() gives the same lines whether they come one by one or many at once", () => {
  const text = "un\r\ndeux\xc3\ntrois é\n\nquatre\r\n";
  const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
  const together = new ChatLineFramer().push(bytes);
  const apart = new ChatLineFramer();
  const oneByOne: FramedLine[] = [];
  for (const byte of bytes) oneByOne.push(...apart.push(Uint8Array.of(byte)));
  assertEquals(together, oneByOne);
  assertEquals(texts(together), ["un", "deux\ufffd", "trois \ufffd", "", "quatre"]);
});

Deno.test("ChatLineFramer.push() drops telnet's CR NUL line ending", () => {
  const framer = new ChatLineFramer();
  assertEquals(texts(framer.push(utf8("from telnet\r\0\nagain\r\0\n"))), ["from telnet", "again"]);
  assertEquals(texts(framer.push(utf8("one\r\0\n"))), ["one"]);
});

Deno.test("ChatLineFramer gives a read of printable ASCII lines as one plain run, and nothing else", () => {
  const framed = (text: string) => new ChatLineFramer().push(new TextEncoder().encode(text));
  // Several whole lines in one read take the fast path; CR LF and tabs stay plain.
  assertEquals(framed("un\tdeux\r\ntrois\nquatre\n"), [
    { text: "un\tdeux\ntrois\nquatre", plain: true },
  ]);
  // The last line's CR LF too (it ends the run), and empty lines stay lines of the run.
  assertEquals(framed("un\r\n\r\ndeux\r\n"), [{ text: "un\n\ndeux", plain: true }]);
  // One line needing escapes makes the whole read lines apart (the room then sanitises each).
  assertEquals(framed("a\nb\x1b[2J\nc\n"), [{ text: "a" }, { text: "b\x1b[2J" }, { text: "c" }]);
  assertEquals(texts(framed("a\nb\rc\nd\n")), ["a", "b\rc", "d"]); // a lone CR
  assertEquals(texts(framed("a\nb\x7f\nc\n")), ["a", "b\x7f", "c"]); // DEL
  assertEquals(texts(framed("a\nété\nc\n")), ["a", "été", "c"]); // beyond ASCII
  assertEquals(texts(framed("a\nb\r\r\nc\n")), ["a", "b\r", "c"]); // a CR before the CR LF
  assertEquals(texts(framed("a\nb\r\r\n")), ["a", "b\r"]); // the same, on the last line
  assertEquals(texts(framed("a\r\0\nb\r\0\n")), ["a", "b"]); // telnet's CR NUL
  // A single line is a line, whatever it holds.
  assertEquals(framed("seul\n"), [{ text: "seul" }]);
});

Deno.test("plainRun() drops CR LF line ends and refuses what a terminal would obey", () => {
  assertEquals(plainRun("a\r\nb\r"), "a\nb");
  assertEquals(plainRun("a\tb\n~ !"), "a\tb\n~ !");
  for (const text of ["a\rb", "a\r\r", "\x00", "\x1b", "\x7f", "é", "\u200b", "\ufffd"]) {
    assertEquals(plainRun(text), undefined, JSON.stringify(text));
  }
});
