/** Tests for SecretKeys: the keys of a secret typed with echo off. */
import { assertEquals } from "../_helpers/assert.ts";
import { SecretKeys } from "../../src/terminal/secret_keys.ts";

Deno.test("SecretKeys ends at Enter, erases with Backspace, and gives back what follows", () => {
  const keys = new SecretKeys();
  assertEquals(keys.feed("hush"), undefined);
  assertEquals(keys.feed("X\x7f hüsh\b"), undefined);
  assertEquals(keys.typed, "hush hüs");
  assertEquals(keys.feed("h\r\nnext"), { kind: "entered", secret: "hush hüsh", rest: "next" });
});

Deno.test("SecretKeys cancels on Ctrl-C, ends on Ctrl-D only when nothing is typed, drops paste marks", () => {
  assertEquals(new SecretKeys().feed("ab\x03"), { kind: "interrupt" });
  assertEquals(new SecretKeys().feed("\x04"), { kind: "eof" });
  const keys = new SecretKeys();
  assertEquals(keys.feed("a\x04"), undefined);
  assertEquals(keys.feed("\x1b[200~pasted pw\x1b[201~\r"), {
    kind: "entered",
    secret: "apasted pw",
    rest: "",
  });
});

Deno.test("SecretKeys ignores keys that send escape sequences: arrows, Home, Delete, F1, Alt+letter", () => {
  const keys = new SecretKeys();
  assertEquals(keys.feed("pa\x1b[Dss\x1b[A\x1bOB\x1b[1;5C\x1b[3~\x1bOP\x1bx"), undefined);
  assertEquals(keys.typed, "pass");
  assertEquals(keys.feed("\x1b[H!\r"), { kind: "entered", secret: "pass!", rest: "" });
});

Deno.test("SecretKeys skips a paste mark or a key's sequence split across two reads", () => {
  const keys = new SecretKeys();
  assertEquals(keys.feed("\x1b[200~long pasted pw\x1b[20"), undefined);
  assertEquals(keys.feed("1~"), undefined);
  assertEquals(keys.typed, "long pasted pw");
  assertEquals(keys.feed("!\x1b"), undefined);
  assertEquals(keys.feed("[D?\x1bO"), undefined);
  assertEquals(keys.feed("A\r"), { kind: "entered", secret: "long pasted pw!?", rest: "" });
});

Deno.test("SecretKeys keeps what is typed after the Escape key ends a read", () => {
  const keys = new SecretKeys();
  assertEquals(keys.feed("ab\x1b"), undefined);
  assertEquals(keys.feed("c\r"), { kind: "entered", secret: "abc", rest: "" });
});
