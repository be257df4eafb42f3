/**
 * The two kinds of failure a user can cause. Everything else is a bug and may
 * crash loudly; these are printed as one sentence, never a stack trace.
 */

/** A mistake on the command line: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
  /** @param usage the usage line of the command that was misused */
  constructor(message: string, readonly usage = "") {
    super(message);
  }
}

/** A failure the user can fix (refused, unknown host, port in use): exit code 1. */
export class UserError extends Error {
  override name = "UserError";
}
