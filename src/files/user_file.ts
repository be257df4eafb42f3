/**
 * Files the user names on the command line (`--ca`, `--cert`, `--password-file`
 * …): a failure to read one becomes a sentence that names the file and why.
 */
import { UserError } from "../errors.ts";

/** Says in a few words why a file operation failed. */
export function describeFileError(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file or directory";
  if (error instanceof Deno.errors.PermissionDenied) return "permission denied";
  if (error instanceof Deno.errors.IsADirectory) return "it is a directory, not a file";
  if (error instanceof Deno.errors.NotADirectory) return "a path component is not a directory";
  if (error instanceof Deno.errors.AlreadyExists) return "it exists and is not a directory";
  return error instanceof Error ? error.message : String(error);
}

/** Reads the text of `path`; `what` names it in the error, e.g. `the --ca file`. */
export async function readUserFile(path: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new UserError(`cannot read ${what} "${path}": ${describeFileError(error)}`);
  }
}
