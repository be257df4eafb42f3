/**
 * `--password[=SECRET]` and `--password-file FILE`, shared by serve and connect:
 * a bare `--password` asks on the terminal without echo; `=SECRET` takes it from
 * the command line (visible to other users in `ps`, so it warns).
 */
import { t } from "../i18n/catalogue.ts";
import { UsageError } from "../errors.ts";

/** The value a bare `--password` is spelled as, so the parser can read it as a string option. */
const ASK = "\0ask";

/**
 * Rewrites a bare `--password` so the parser can read it as a string option.
 * The word after a bare `--password` is never taken as its value (nor silently
 * as the host: `--password hunter2 vm1` would look "hunter2" up in DNS), so a
 * plain word there is a UsageError saying how to write what was meant.
 */
export function spellPasswordFlag(args: readonly string[]): string[] {
  const end = args.indexOf("--");
  return args.map((arg, i) => {
    if (arg !== "--password" || (end !== -1 && i > end)) return arg;
    const next = args[i + 1];
    if (next !== undefined && next !== "--" && !next.startsWith("-")) {
      throw new UsageError(
        t().usage.passwordWordFollows,
      );
    }
    return `--password=${ASK}`;
  });
}

/** The secret the options ask for, or undefined when none was asked for. */
export async function passwordFromOptions(
  values: { password?: string; "password-file"?: string },
  usage: string,
  warn: (message: string) => void,
): Promise<string | undefined> {
  const { password, "password-file": file } = values;
  if (password !== undefined && file !== undefined) {
    throw new UsageError(t().usage.passwordTwice, usage);
  }
  // The file reader and the prompt are imported only when asked for (start-up).
  if (file !== undefined) {
    return await (await import("../auth/password_file.ts")).readPasswordFile(file);
  }
  if (password === undefined) return undefined;
  if (password === ASK) {
    const { promptSecret } = await import("../terminal/secret_prompt.ts");
    const typed = await promptSecret(t().terminal.passwordPrompt);
    if (typed === "") throw new UsageError(t().usage.passwordEmpty, usage);
    return typed;
  }
  if (password === "") throw new UsageError(t().usage.passwordEmpty, usage);
  warn(t().files.passwordVisible);
  return password;
}
