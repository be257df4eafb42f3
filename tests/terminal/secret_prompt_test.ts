/**
 * promptSecret() on a scripted terminal: the order of what it does to the
 * terminal matters (echo off before the prompt shows), and so does the answer.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { promptSecret, type SecretTerminal } from "../../src/terminal/secret_prompt.ts";

/** A terminal that records what is done to it and gives `keys`, one read each. */
function scriptedTerminal(keys: string[]): { terminal: SecretTerminal; events: string[] } {
  const events: string[] = [];
  const decoder = new TextDecoder();
  const terminal: SecretTerminal = {
    input: {
      isTerminal: () => true,
      setRaw: (on: boolean) => events.push(on ? "echo off" : "echo on"),
      read: (buffer: Uint8Array) => {
        const key = keys.shift();
        if (key === undefined) return Promise.resolve(null);
        const bytes = utf8(key);
        buffer.set(bytes);
        events.push("read");
        return Promise.resolve(bytes.length);
      },
    },
    output: {
      writeSync: (bytes: Uint8Array) => {
        events.push(`show ${JSON.stringify(decoder.decode(bytes))}`);
        return bytes.length;
      },
    },
  };
  return { terminal, events };
}

Deno.test("promptSecret() turns echo off before it shows the prompt, and back on after Enter", async () => {
  const { terminal, events } = scriptedTerminal(["hush ", "hush\r"]);
  assertEquals(await promptSecret("password: ", terminal), "hush hush");
  assertEquals(events, [
    "echo off",
    'show "password: "',
    "read",
    "read",
    "echo on",
    'show "\\n"',
  ]);
});
