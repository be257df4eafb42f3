import { assert, assertEquals } from "../_helpers/assert.ts";
import * as readline from "node:readline";
import { PassThrough } from "node:stream";
import { measurePlainTextFast, plainTextPosition } from "../../src/terminal/plain_text_position.ts";

/** A readline interface on a terminal of `columns` columns that nothing reads. */
function interfaceOf(columns: number) {
  const output = Object.assign(new PassThrough(), { columns, isTTY: true });
  const input = Object.assign(new PassThrough(), { isTTY: true, setRawMode() {} });
  const rl = readline.createInterface({ input, output, terminal: true, prompt: "client@vm:7$ " });
  return rl as readline.Interface & { line: string; cursor: number };
}

Deno.test("plainTextPosition() counts plain text one column a character, wrapping at the terminal's width", () => {
  assertEquals(plainTextPosition("client@vm:7$ salut", 80), { cols: 18, rows: 0 });
  assertEquals(plainTextPosition("x".repeat(80), 80), { cols: 0, rows: 1 });
  assertEquals(plainTextPosition("à l'œil, « ça » — déjà… 5 €", 10), { cols: 7, rows: 2 });
  assertEquals(plainTextPosition("", 80), { cols: 0, rows: 0 });
});

Deno.test("plainTextPosition() leaves emoji, wide and combining characters, tabs and escapes to readline", () => {
  for (const text of ["😀", "日本", "e\u0301", "a\tb", "\x1b[1m", "\u200b", "a\nb"]) {
    assertEquals(plainTextPosition(text, 80), undefined, JSON.stringify(text));
  }
});

Deno.test("measurePlainTextFast() answers as readline itself would, for every character it measures", () => {
  const rl = interfaceOf(17);
  const readlineSays = (text: string) => {
    rl.line = text;
    rl.cursor = text.length;
    return rl.getCursorPos();
  };
  const samples: string[] = [];
  for (let code = 0x20; code <= 0x2ff; code++) {
    if (code >= 0x7f && code < 0xa0) continue;
    samples.push(String.fromCharCode(code).repeat(code % 23 + 1));
  }
  samples.push("à l'œil, « ça » — déjà… 5 € ‘’“”–", "😀 plus", "e\u0301té");
  const expected = samples.map(readlineSays);
  assert(measurePlainTextFast(rl), "readline's measure was found and replaced");
  assertEquals(samples.map(readlineSays), expected);
  rl.close();
});
