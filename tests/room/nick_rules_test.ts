import { checkNick, defaultNick, MAX_NICK_LENGTH } from "../../src/room/nick_rules.ts";
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
