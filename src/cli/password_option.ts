/**
 * `--password[=SECRET]` and `--password-file FILE`, shared by serve and connect:
 * a bare `--password` asks on the terminal without echo; `=SECRET` takes it from
 * the command line (visible to other users in `ps`, so it warns).
 */
import { readPasswordFile } from "../auth/password_file.ts";
import { UsageError } from "../errors.ts";
import { promptSecret } from "../terminal/secret_prompt.ts";

/** The value a bare `--password` is spelled as, since parseArgs has no optional values. */
const ASK = "\0ask";

/** Rewrites a bare `--password` so parseArgs can read it as a string option. */
export function spellPasswordFlag(args: readonly string[]): string[] {
  return args.map((arg) => arg === "--password" ? `--password=${ASK}` : arg);
}

/** The secret the options ask for, or undefined when none was asked for. */
export async function passwordFromOptions(
  values: { password?: string; "password-file"?: string },
  usage: string,
  warn: (message: string) => void,
): Promise<string | undefined> {
  const { password, "password-file": file } = values;
  if (password !== undefined && file !== undefined) {
    throw new UsageError("give --password or --password-file, not both", usage);
  }
  if (file !== undefined) return await readPasswordFile(file);
  if (password === undefined) return undefined;
  if (password === ASK) {
    const typed = await promptSecret("password: ");
    if (typed === "") throw new UsageError("the password is empty", usage);
    return typed;
  }
  if (password === "") throw new UsageError("the password is empty", usage);
  warn("--password=… is visible to every user of this machine (ps); --password-file is safer");
  return password;
}
