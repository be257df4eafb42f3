/** tp1's version, read from deno.json: one place for `--version`, the help and transcripts. */
import denoConfig from "../../deno.json" with { type: "json" };

/** tp1's version, from deno.json. */
export const VERSION: string = denoConfig.version;
