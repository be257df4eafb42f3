/**
 * Asks for a secret on the terminal without echoing it (for `--password`).
 * Raw mode lets tp1 see each key (secret_keys.ts): Enter ends, Backspace
 * erases, Ctrl-C cancels.
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";
import { SecretKeys } from "./secret_keys.ts";

const encoder = new TextEncoder();

/** The terminal a secret is asked on: keys come from `input`, the prompt goes to `output`. */
export interface SecretTerminal {
  readonly input: Pick<typeof Deno.stdin, "isTerminal" | "setRaw" | "read">;
  readonly output: Pick<typeof Deno.stderr, "writeSync">;
}

const STANDARD: SecretTerminal = { input: Deno.stdin, output: Deno.stderr };

/** Prompts on stderr and reads one line from the terminal with echo off. */
export async function promptSecret(
  prompt: string,
  { input, output }: SecretTerminal = STANDARD,
): Promise<string> {
  if (!input.isTerminal()) {
    throw new UserError(t().terminal.passwordNeedsTerminal);
  }
  // Echo goes off before the prompt shows: a key typed as soon as the prompt
  // is seen must not appear on the screen.
  input.setRaw(true);
  output.writeSync(encoder.encode(prompt));
  const decoder = new TextDecoder();
  const buffer = new Uint8Array(256);
  const keys = new SecretKeys();
  try {
    for (;;) {
      const n = await input.read(buffer);
      if (n === null) break;
      const end = keys.feed(decoder.decode(buffer.subarray(0, n), { stream: true }));
      if (end?.kind === "interrupt") throw new UserError(t().terminal.interruptedPassword);
      if (end?.kind === "eof") return "";
      if (end?.kind === "entered") return end.secret;
    }
    return keys.typed;
  } finally {
    input.setRaw(false);
    output.writeSync(encoder.encode("\n"));
  }
}
