/**
 * The password options to repeat in a command that tp1 advises (after "speaks
 * TLS", or to pin a certificate), so that the advised command works as typed.
 * Never the secret itself: `--password=SECRET` is repeated as a bare
 * `--password`, which asks for it without echo. Pure.
 */

/** The password options as `parseOptions` returns them. */
export interface PasswordFlags {
  readonly password?: string;
  readonly "password-file"?: string;
}

/** `--password-file FILE` or `--password`, as given; undefined when neither was. */
export function passwordArgs(flags: PasswordFlags): string | undefined {
  const file = flags["password-file"];
  if (file !== undefined) return `--password-file ${shellWord(file)}`;
  return flags.password === undefined ? undefined : "--password";
}

/** `word` as a shell would need it typed (quoted when it has spaces or specials). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
