/**
 * The command line as a transcript shows it: every word as typed, except a
 * secret given on it (`--password=SECRET`, `--password SECRET` is refused
 * anyway), which becomes `--password=…`. File names stay (`--password-file
 * FILE`, `--key FILE`): the transcript never holds what is in them.
 */

/** `tp1 serve --password=hunter2 -p 8000` → `tp1 serve --password=… -p 8000`. */
export function redactCommandLine(command: string, args: readonly string[]): string {
  const end = args.indexOf("--");
  const words = args.map((arg, i) =>
    (end === -1 || i < end) && /^--password=/.test(arg) ? "--password=…" : quote(arg)
  );
  return [command, ...words].join(" ");
}

/** `word` as a shell would need it typed. */
function quote(word: string): string {
  return /^[\w@%+=:,./\[\]-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
