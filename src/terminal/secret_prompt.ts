/**
 * Asks for a secret on the terminal without echoing it (for `--password`).
 * Raw mode lets tp1 see each key (secret_keys.ts): Enter ends, Backspace
 * erases, Ctrl-C cancels.
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";
import { SecretKeys } from "./secret_keys.ts";

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
  const keys = new SecretKeys();
  try {
    for (;;) {
      const n = await Deno.stdin.read(buffer);
      if (n === null) break;
      const end = keys.feed(decoder.decode(buffer.subarray(0, n), { stream: true }));
      if (end?.kind === "interrupt") throw new UserError(t().terminal.interruptedPassword);
      if (end?.kind === "eof") return "";
      if (end?.kind === "entered") return end.secret;
    }
    return keys.typed;
  } finally {
    Deno.stdin.setRaw(false);
    Deno.stderr.writeSync(encoder.encode("\n"));
  }
}
