import { decodeNcatEscapes, ServerLineStyle } from "../../src/client/chat_display.ts";
import { assertEquals } from "../_helpers/assert.ts";

Deno.test("ServerLineStyle.format() labels a plain server's lines and escapes control characters", () => {
  const style = new ServerLineStyle();
  assertEquals(style.format("hello"), "from server: hello");
  assertEquals(style.format("<b>bold</b>\x1b[2J"), "from server: <b>bold</b>\\e[2J");
});

Deno.test("ServerLineStyle.format() shows a tp1 chat room's lines as they are, after its welcome", () => {
  const style = new ServerLineStyle();
  const welcome = "* welcome to the tp1 chat room, user3! /nick NAME changes your name";
  assertEquals(style.format(welcome), welcome);
  assertEquals(style.format("<alice> salut 👋"), "<alice> salut 👋");
  assertEquals(style.format("* bob joined from 10.0.0.2"), "* bob joined from 10.0.0.2");
  assertEquals(style.format("<eve> \x1b]0;pwned\x07"), "<eve> \\e]0;pwned\\a");
});

Deno.test("ServerLineStyle.format() reads an ncat --chat room and restores its escaped accents", () => {
  const style = new ServerLineStyle();
  assertEquals(
    style.format("<announce> 127.0.0.1 is connected as <user5>."),
    "<announce> 127.0.0.1 is connected as <user5>.",
  );
  assertEquals(style.format("<user5> caf\\303\\251 cr\\303\\250me"), "<user5> café crème");
});

Deno.test("decodeNcatEscapes() decodes only escapes that form valid UTF-8", () => {
  assertEquals(decodeNcatEscapes("\\360\\237\\216\\211 party"), "🎉 party");
  assertEquals(decodeNcatEscapes("lone \\303 byte"), "lone \\303 byte");
  assertEquals(decodeNcatEscapes("bell \\007 stays"), "bell \\007 stays");
  assertEquals(decodeNcatEscapes("C:\\\\path"), "C:\\\\path");
});
