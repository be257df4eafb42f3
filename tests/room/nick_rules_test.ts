import { checkNick, defaultNick, MAX_NICK_LENGTH, nickKey } from "../../src/room/nick_rules.ts";
import { MemberList } from "../../src/room/members.ts";
import type { ClientId } from "../../src/room/room_types.ts";
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";

const nobody = (_nick: string) => false;

function problem(wanted: string, current = "user1", taken = nobody): string {
  const check = checkNick(wanted, current, taken);
  if (check.ok) throw new Error(`"${wanted}" was accepted`);
  return check.problem;
}

Deno.test("checkNick() accepts accented and non-Latin names", () => {
  assertEquals(checkNick("Hélène", "user1", nobody), { ok: true, nick: "Hélène" });
  assertEquals(checkNick("Zoë_2", "user1", nobody), { ok: true, nick: "Zoë_2" });
  assertEquals(checkNick("Дмитрий", "user1", nobody), { ok: true, nick: "Дмитрий" });
  assertEquals(checkNick("jean-luc.p", "user1", nobody), { ok: true, nick: "jean-luc.p" });
});

Deno.test("checkNick() normalises a decomposed accent so it matches the composed one", () => {
  const decomposed = "He\u0301le\u0300ne";
  assertEquals(checkNick(decomposed, "user1", nobody), { ok: true, nick: "Hélène" });
});

Deno.test("checkNick() refuses a name with spaces and suggests one without", () => {
  assertIncludes(problem("Jean Dupont"), "Jean_Dupont");
});

Deno.test("checkNick() refuses names with symbols, control characters or a leading dot", () => {
  assertIncludes(problem("<admin>"), "not a valid name");
  assertIncludes(problem("bob\x1b[2J"), "not a valid name");
  assertIncludes(problem(".hidden"), "not a valid name");
  assertIncludes(problem("🦊"), "not a valid name");
});

Deno.test("checkNick() refuses a name longer than the limit", () => {
  assertIncludes(problem("a".repeat(MAX_NICK_LENGTH + 1)), "too long");
  assertEquals(checkNick("é".repeat(MAX_NICK_LENGTH), "user1", nobody).ok, true);
});

Deno.test("checkNick() refuses a name someone else has, ignoring case", () => {
  const taken = (nick: string) => nick.toLowerCase() === "alice";
  assertIncludes(problem("ALICE", "user1", taken), "taken");
});

Deno.test("checkNick() refuses reserved names: server and any userN", () => {
  assertIncludes(problem("server"), "reserved");
  assertIncludes(problem("Server"), "reserved");
  assertIncludes(problem("user7", "alice"), "reserved");
});

Deno.test("checkNick() lets a member change the case of its own name but not keep it", () => {
  assertEquals(checkNick("User1", "user1", nobody), { ok: true, nick: "User1" });
  assertIncludes(problem("alice", "alice"), "already called alice");
});

Deno.test("defaultNick() names clients by their arrival number", () => {
  assertEquals(defaultNick(12), "user12");
});

Deno.test("checkNick() refuses look-alikes of server, saying which name they look like", () => {
  for (const lookalike of ["ѕerver", "ｓerver", "𝐬𝐞𝐫𝐯𝐞𝐫", "ſerver", "SΕRVΕR", "sеrvеr"]) {
    assertIncludes(problem(lookalike), 'looks like "server", which is reserved', lookalike);
  }
  assertIncludes(problem("аll"), 'looks like "all", which is reserved');
  assertIncludes(problem("a11"), 'looks like "all", which is reserved');
});

Deno.test("checkNick() refuses look-alikes of userN, the names newcomers get", () => {
  assertIncludes(problem("usеr5", "alice"), 'looks like "userN", which is reserved');
  assertIncludes(problem("userl2", "alice"), 'looks like "userN", which is reserved');
  assertIncludes(problem("ｕｓｅｒ９", "alice"), 'looks like "userN", which is reserved');
  assertEquals(checkNick("username", "user1", nobody).ok, true);
  assertEquals(checkNick("user_7", "user1", nobody).ok, true);
});

Deno.test("checkNick() refuses a pile of combining marks on one letter", () => {
  const zalgo = "a" +
    "\u0301\u0302\u0303\u0304\u0306\u0307\u0308\u030a\u030b\u030c\u0323".repeat(2);
  assertIncludes(problem(zalgo), "too many accents on one letter: at most 2");
  assertIncludes(problem("e\u0301\u0302\u0303"), "too many accents");
  // Vietnamese puts two on a letter; Hindi spaces its vowel signs.
  assertEquals(checkNick("Nguye\u0302\u0303n", "user1", nobody).ok, true);
  assertEquals(checkNick("दीपिका", "user1", nobody).ok, true);
});

Deno.test("checkNick() accepts French names with their accents", () => {
  for (const name of ["Hélène", "José", "François", "Anaïs", "Gaëlle", "Noël", "Jérôme", "Loïc"]) {
    assertEquals(checkNick(name, "user1", nobody), { ok: true, nick: name });
  }
});

Deno.test("nickKey() is the same for names that look alike, whatever their case, width or script", () => {
  assertEquals(nickKey("аlice"), nickKey("alice")); // Cyrillic а
  assertEquals(nickKey("ALICE"), nickKey("alice"));
  assertEquals(nickKey("ａｌｉｃｅ"), nickKey("alice"));
  assertEquals(nickKey("b0b"), nickKey("bob"));
  assertEquals(nickKey("He\u0301le\u0300ne"), nickKey("Hélène"));
  assertEquals(nickKey("José") === nickKey("Jose"), false);
  assertEquals(nickKey("Дмитрий") === nickKey("Dmitri"), false);
});

Deno.test("checkNick() refuses a look-alike of a name in use, saying it looks like one", () => {
  const members = new MemberList();
  members.add({ id: 1 as ClientId, address: "127.0.0.1:1", since: new Date(), name: "alice" });
  const taken = (nick: string) => members.hasName(nick);
  assertIncludes(problem("аlice", "user2", taken), "looks like the name of someone here");
  assertIncludes(problem("ALICE", "user2", taken), '"ALICE" is taken');
  assertEquals(checkNick("alicia", "user2", taken).ok, true);
  // Capitals that look Latin only in upper case: Cyrillic В and О, Greek Α.
  members.add({ id: 2 as ClientId, address: "127.0.0.1:2", since: new Date(), name: "BOB" });
  assertIncludes(problem("ВОВ", "user3", taken), "looks like the name of someone here");
  assertIncludes(problem("ΑLICE", "user3", taken), "looks like the name of someone here");
  assertEquals(checkNick("ALI", "user3", taken).ok, true, "a Latin I is an i, not an l");
});

/** Whether `text` holds a C0 control or DEL, which a terminal would obey. */
function hasControl(text: string): boolean {
  return [...text].some((char) => char < " " || char === "\x7f");
}

Deno.test("checkNick() quotes a refused name escaped, never its raw control bytes", () => {
  const refusal = problem("bob\x1b[2J\x00\x07");
  assertIncludes(refusal, '"bob\\e[2J\\0\\a"');
  assertEquals(hasControl(refusal), false, JSON.stringify(refusal));
  assertEquals(hasControl(problem("a b\x1b]0;x\x07")), false);
  assertEquals(hasControl(problem("\x1b".repeat(30))), false);
  assertIncludes(problem("x".repeat(100)), "x".repeat(40) + "…");
});
