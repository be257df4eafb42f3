/**
 * Every sentence tp1 shows comes from the message catalogues (src/i18n/), so that it exists in
 * French too: a string literal of three words or more anywhere else under `src/` is a sentence
 * that a French-speaking student would read in English. Internal errors, which mean a bug in
 * tp1 and are never shown as advice, are listed below with the reason.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

/** Literals that are not messages to a person, by file. */
const NOT_MESSAGES: Readonly<Record<string, readonly string[]>> = {
  // A /proc line that is not the kernel's format: a bug report, not advice.
  "proc/proc_net_tcp.ts": [
    "unexpected line in /proc/net/tcp: ",
    "unexpected address in /proc/net/tcp: ",
  ],
  // Turned into tp1's own stop before it reaches anyone (the reader of stdout is gone), or errno.
  "io/libc.ts": ["the reader of standard output is gone", "write to descriptor "],
  // A TypeError for a caller that passed a name where a literal was due: a bug in tp1.
  "udp/socket_address.ts": ["not an IP address: "],
  // client.py's own words, which the lab's screenshots show: the same in every language.
  "client/chat_display.ts": ["from server: "],
};

/**
 * A string literal's text that starts with two lowercase words, after any spaces or an opening
 * parenthesis (the tail of a sentence, such as " (every interface)", is a sentence too).
 */
const SENTENCE = /(["`])[ (]*([a-z][a-z']* [a-z][a-z']*[^"`]*)\1/g;

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) yield* sourceFiles(path);
    else if (entry.name.endsWith(".ts")) yield path;
  }
}

Deno.test("no sentence is written outside the message catalogues (each has its French)", () => {
  const found: string[] = [];
  for (const path of sourceFiles(SRC)) {
    const name = relative(SRC, path);
    if (name.startsWith("i18n/")) continue;
    const allowed = NOT_MESSAGES[name] ?? [];
    Deno.readTextFileSync(path).split("\n").forEach((line, i) => {
      const code = line.trimStart();
      if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) return;
      for (const match of line.matchAll(SENTENCE)) {
        const text = match[2];
        if (allowed.some((start) => text.startsWith(start))) continue;
        found.push(`${name}:${i + 1}: ${text}`);
      }
    });
  }
  assertEquals(found, []);
});
