/**
 * A tp1 connect recognises a tp1 server's protocol lines whatever the
 * server's language: a French server and an English client, and the other way
 * round (the server sends in its language, the client reads every language).
 */
import { assertEquals } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { en } from "../../src/i18n/messages_en.ts";
import { fr } from "../../src/i18n/messages_fr.ts";
import { setLanguage } from "../../src/i18n/catalogue.ts";
import { fixedStart, messagePattern } from "../../src/i18n/any_language.ts";
import { isPasswordRefusal, tlsAnswer } from "../../src/client/server_greeting.ts";
import {
  busyLine,
  isPasswordAccepted,
  isPasswordRequest,
  readRefusal,
  throttledLine,
} from "../../src/auth/password_protocol.ts";
import { isPlainOnlyLine } from "../../src/tls/tls_sniff.ts";
import { ServerLineStyle } from "../../src/client/chat_display.ts";
import { tlsOnlyReply } from "../../src/gate/connection_gate.ts";

const BOTH = [["English", en], ["French", fr]] as const;

Deno.test("messagePattern() matches a message whatever its parameters, and nothing else", () => {
  const pattern = messagePattern(fr.gate.throttled, ["(\\S+)", "(\\d+)"]);
  assertEquals(pattern.exec(fr.gate.throttled("10.0.0.1", 42))?.slice(1), ["10.0.0.1", "42"]);
  assertEquals(pattern.test(en.gate.throttled("10.0.0.1", 42)), false);
  assertEquals(fixedStart(fr.room.welcome), "* bienvenue dans le salon tp1, ");
});

for (const [language, server] of BOTH) {
  Deno.test(`a client recognises a ${language} --tls server's plain-text hint, whole or begun`, () => {
    const hint = utf8(`${server.gate.tlsOnly}\n`);
    assertEquals(tlsAnswer(hint), "tls");
    assertEquals(tlsAnswer(hint.subarray(0, 12)), "unknown");
    assertEquals(tlsAnswer(utf8("* welcome\n")), "not-tls");
  });

  Deno.test(`a client recognises a ${language} server's password lines and refusals`, () => {
    assertEquals(isPasswordRequest(server.gate.passwordRequest), true);
    assertEquals(isPasswordAccepted(server.gate.passwordAccepted), true);
    assertEquals(isPasswordRefusal(`${server.gate.passwordRejected}\r`), true);
    assertEquals(readRefusal(server.gate.throttled("127.0.0.1", 12)), {
      kind: "throttled",
      retryInS: 12,
    });
    assertEquals(readRefusal(server.gate.busy("127.0.0.1")), { kind: "busy" });
    assertEquals(readRefusal("* bonjour"), undefined);
  });

  Deno.test(`a TLS client recognises a ${language} plain server's "no TLS here" line`, () => {
    assertEquals(isPlainOnlyLine(server.gate.plainOnly), true);
    assertEquals(isPlainOnlyLine("* something else"), false);
  });

  Deno.test(`a client sees a ${language} tp1 chat room by its welcome, and its goodbye`, () => {
    const style = new ServerLineStyle();
    assertEquals(style.format("hello"), "from server: hello");
    style.format(server.room.welcome("user1"));
    assertEquals(style.inTp1Room, true);
    style.format(server.room.bye("user1"));
    assertEquals(style.saidBye, true);
  });
}

Deno.test("a French server sends its protocol lines in French, and an English client reads them", () => {
  setLanguage("fr");
  let lines: string[];
  try {
    lines = [tlsOnlyReply(), throttledLine("127.0.0.1", 9_500), busyLine("127.0.0.1")];
  } finally {
    setLanguage("en");
  }
  assertEquals(lines[0], `${fr.gate.tlsOnly}\n`);
  assertEquals(tlsAnswer(utf8(lines[0])), "tls");
  assertEquals(readRefusal(lines[1]), { kind: "throttled", retryInS: 10 });
  assertEquals(readRefusal(lines[2]), { kind: "busy" });
});
