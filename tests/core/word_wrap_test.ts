/** wrapWords(): long sentences break at ordinary spaces, never inside a word or at a non-breaking space. */
import { assertEquals } from "../_helpers/assert.ts";
import { wrapHelp, wrapWords } from "../../src/core/word_wrap.ts";

Deno.test("wrapWords() breaks a long line at the last space that fits, and leaves short lines alone", () => {
  assertEquals(wrapWords("aaa bbb ccc ddd", 7), "aaa bbb\nccc ddd");
  assertEquals(wrapWords("short\nline", 80), "short\nline");
  assertEquals(wrapWords("usage : tp1 a b", 12, 8), "usage : tp1\n        a b");
});

Deno.test("wrapWords() keeps non-breaking spaces, over-long words and indented command lines whole", () => {
  assertEquals(wrapWords("un\u00a0mot\u00a0long fin", 8), "un\u00a0mot\u00a0long\nfin");
  assertEquals(wrapWords("x " + "y".repeat(12), 8), "x\n" + "y".repeat(12));
  const command = "  tp1 connect --tls --fingerprint AAAA:BBBB:CCCC:DDDD 127.0.0.1";
  assertEquals(wrapWords(command, 20), command);
});

Deno.test("wrapHelp() continues an option's description under itself, and prose under its first letter", () => {
  const option =
    "      --once             S'arrêter quand le premier client part, comme server.py.";
  assertEquals(
    wrapHelp(option, 80),
    "      --once             S'arrêter quand le premier client part, comme\n" +
      "                         server.py.",
  );
  assertEquals(wrapHelp("aaa bbb ccc", 7), "aaa bbb\nccc");
  assertEquals(wrapHelp("  short", 80), "  short");
});

Deno.test("wrapHelp() carries the words pushed out of a line into the next line of the same text", () => {
  assertEquals(
    wrapHelp("aaa bbb ccc\nddd\n\neee", 7),
    "aaa bbb\nccc ddd\n\neee",
  );
  // A new option is not the description above it: the words pushed out stay on their own line.
  assertEquals(
    wrapHelp("  -a  xx yy zz ww\n  -b  ww", 14),
    "  -a  xx yy zz\n      ww\n  -b  ww",
  );
});

Deno.test("wrapHelp() fits a tp1 port --watch phase line under its arrow", () => {
  const phase =
    "              → établissement terminé côté serveur (l'ACK du client est arrivé)\u00a0: " +
    "le transfert peut commencer";
  const lines = wrapHelp(phase, 80).split("\n");
  assertEquals(lines.length, 2);
  assertEquals([...lines[0]].length <= 80, true, lines[0]);
  assertEquals(/^ {14}\S/.test(lines[1]), true, lines[1]);
});
