/** tp1's version, read from deno.json: one place for `--version`, the help and transcripts. */
import denoConfig from "../../deno.json" with { type: "json" };

/** tp1's version, from deno.json. */
export const VERSION: string = denoConfig.version;

/** The words that ask for the version: `tp1 --version`, `tp1 -V`, `tp1 version`. */
export const VERSION_WORDS: readonly string[] = ["-V", "--version", "version"];

/** What `tp1 --version` prints. */
export function versionLine(): string {
  return `tp1 ${VERSION}`;
}
