/** Reads a shared secret from a file (`--password-file`), as a script or a class handout would. */
import { t } from "../i18n/catalogue.ts";
import { UserError } from "../errors.ts";
import { readUserFile } from "../files/user_file.ts";

/** The first line of `path`, without its line ending; a clear error when unreadable or empty. */
export async function readPasswordFile(path: string): Promise<string> {
  const text = await readUserFile(path, t().files.passwordFile);
  const password = text.split("\n")[0].replace(/\r$/, "");
  if (password === "") throw new UserError(t().gate.emptyPasswordFile(path));
  return password;
}
