/** Reads a shared secret from a file (`--password-file`), as a script or a class handout would. */
import { UserError } from "../errors.ts";

/** The first line of `path`, without its line ending; a clear error when unreadable or empty. */
export async function readPasswordFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Deno.errors.PermissionDenied
      ? "permission denied"
      : error instanceof Error
      ? error.message
      : String(error);
    throw new UserError(`cannot read the password file ${path}: ${why}`);
  }
  const password = text.split("\n")[0].replace(/\r$/, "");
  if (password === "") throw new UserError(`the password file ${path} starts with an empty line`);
  return password;
}
