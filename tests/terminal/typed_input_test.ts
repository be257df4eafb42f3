import { assertEquals } from "../_helpers/assert.ts";
import { TypedInput } from "../../src/terminal/typed_input.ts";

Deno.test("TypedInput.split() gives a pasted line as one text run and Enter as a key", () => {
  const line = "déjà vu, ça va ".repeat(300);
  assertEquals(new TypedInput().split(`${line}\r`), [
    { kind: "text", text: line },
    { kind: "keys", text: "\r" },
  ]);
});

Deno.test("TypedInput.split() removes bracketed-paste markers and keeps what they enclose", () => {
  assertEquals(new TypedInput().split("\x1b[200~hello 🌍 world\x1b[201~"), [
    { kind: "text", text: "hello 🌍 world" },
  ]);
});

Deno.test("TypedInput.split() passes single typed characters and escape sequences as keys", () => {
  const input = new TypedInput();
  assertEquals(input.split("a"), [{ kind: "keys", text: "a" }]);
  assertEquals(input.split("é"), [{ kind: "keys", text: "é" }]);
  assertEquals(input.split("\x1b[A"), [{ kind: "keys", text: "\x1b[A" }]);
  assertEquals(input.split("\x7f\x03"), [{ kind: "keys", text: "\x7f\x03" }]);
});

Deno.test("TypedInput.split() keeps the tail of an escape sequence split across reads a key", () => {
  const input = new TypedInput();
  // ESC [ may begin a paste marker: it waits for the next read.
  assertEquals(input.split("x\x1b["), [{ kind: "keys", text: "x" }]);
  assertEquals(input.split("Dhello there, a long paste"), [
    { kind: "keys", text: "\x1b[Dhello " },
    { kind: "text", text: "there, a long paste" },
  ]);
  assertEquals(input.split("\x1bOA"), [{ kind: "keys", text: "\x1bOA" }]);
  assertEquals(input.split("OAmore text"), [
    { kind: "keys", text: "OAmore t" },
    { kind: "text", text: "ext" },
  ]);
  assertEquals(input.split("more text"), [{ kind: "text", text: "more text" }]);
});

Deno.test("TypedInput.split() removes a paste marker cut in two by the reads", () => {
  const input = new TypedInput();
  assertEquals(input.split("\x1b[200~début de la col"), [{
    kind: "text",
    text: "début de la col",
  }]);
  assertEquals(input.split("le, suite\x1b[20"), [{ kind: "text", text: "le, suite" }]);
  assertEquals(input.split("1~"), []);
  assertEquals(input.split("\x1b[A"), [{ kind: "keys", text: "\x1b[A" }]);
});
