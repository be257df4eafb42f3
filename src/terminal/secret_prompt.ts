/**
 * Asks for a secret on the terminal without echoing it (for `--password`).
 * Raw mode lets tp1 see each key: Enter ends, Backspace erases, Ctrl-C cancels.
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";

const encoder = new TextEncoder();

/** Prompts on stderr and reads one line from the terminal with echo off. */
export async function promptSecret(prompt: string): Promise<string> {
  if (!Deno.stdin.isTerminal()) {
    throw new UserError(t().terminal.passwordNeedsTerminal);
  }
  Deno.stderr.writeSync(encoder.encode(prompt));
  Deno.stdin.setRaw(true);
  const decoder = new TextDecoder();
  const buffer = new Uint8Array(256);
  let secret = "";
  try {
    for (;;) {
      const n = await Deno.stdin.read(buffer);
      if (n === null) break;
      const text = decoder.decode(buffer.subarray(0, n), { stream: true });
      for (const char of text) {
        if (char === "\r" || char === "\n") return secret;
        if (char === "\x03") {
          throw new UserError(t().terminal.interruptedPassword);
        }
        if (char === "\x04" && secret === "") return secret;
        if (char === "\x7f" || char === "\b") secret = [...secret].slice(0, -1).join("");
        else if (char >= " ") secret += char;
      }
    }
    return secret;
  } finally {
    Deno.stdin.setRaw(false);
    Deno.stderr.writeSync(encoder.encode("\n"));
  }
}
