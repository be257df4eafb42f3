/**
 * Files the user names on the command line (`--ca`, `--cert`, `--password-file`
 * …): a failure to read one becomes a sentence that names the file and why.
 */
import { t } from "../i18n/catalogue.ts";
import { UserError } from "../errors.ts";

/** Says in a few words why a file operation failed. */
export function describeFileError(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return t().files.notFound;
  if (error instanceof Deno.errors.PermissionDenied) return t().files.permissionDenied;
  if (error instanceof Deno.errors.IsADirectory) return t().files.isDirectory;
  if (error instanceof Deno.errors.NotADirectory) return t().files.notDirectory;
  if (error instanceof Deno.errors.AlreadyExists) return t().files.existsNotDirectory;
  return error instanceof Error ? error.message : String(error);
}

/** Reads the text of `path`; `what` names it in the error, e.g. `the --ca file`. */
export async function readUserFile(path: string, what: string): Promise<string> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new UserError(t().files.cannotRead(what, path, describeFileError(error)));
  }
}
