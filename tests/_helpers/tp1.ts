/**
 * Runs the real tp1 entry point (`main.ts`) as a subprocess, from the repository
 * root, with the same Deno binary that runs the tests.
 */
import { type ChildOptions, ChildProcess, type Finished } from "./child_process.ts";
import { type TmuxOptions, TmuxPane } from "./tmux.ts";

/** The repository root, found from this file's location. */
export const REPO_ROOT: URL = new URL("../../", import.meta.url);

/** The absolute path of `main.ts`. */
export const MAIN_TS: string = decodeURIComponent(new URL("main.ts", REPO_ROOT).pathname);

/**
 * The locale every tp1 child starts with: English whatever the tester's own
 * LANG, so tests read fixed text. A French run passes `{ LANG: "fr_FR.UTF-8" }`.
 */
export const ENGLISH_LOCALE: Readonly<Record<string, string>> = {
  LC_ALL: "",
  LC_MESSAGES: "",
  LANG: "C.UTF-8",
};

/** The environment of a French run (`LANG=fr_FR.UTF-8`, nothing stronger set). */
export const FRENCH_LOCALE: Readonly<Record<string, string>> = {
  ...ENGLISH_LOCALE,
  LANG: "fr_FR.UTF-8",
};

/** Starts `tp1 …args` (in English unless `options.env` sets the locale). */
export function spawnTp1(args: readonly string[], options: ChildOptions = {}): ChildProcess {
  return new ChildProcess(Deno.execPath(), ["run", "--allow-all", MAIN_TS, ...args], {
    cwd: REPO_ROOT,
    ...options,
    env: { ...ENGLISH_LOCALE, ...options.env },
  });
}

/** Runs `tp1 …args` with `stdin` (empty by default) to completion. */
export async function runTp1(
  args: readonly string[],
  stdin: string | Uint8Array = "",
  env: Record<string, string> = {},
): Promise<Finished> {
  await using tp1 = spawnTp1(args, { env });
  // A process that fails early (usage error) may not read its input at all.
  if (stdin.length > 0) await tp1.write(stdin).catch(() => undefined);
  await tp1.closeStdin();
  return await tp1.finished();
}

/**
 * Starts `tp1 serve -v` on `host:port` (`127.0.0.1` by default; `null` for every
 * interface) and waits until it listens.
 */
export async function startPipedServer(
  port: number,
  extraArgs: readonly string[] = [],
  host: string | null = "127.0.0.1",
): Promise<ChildProcess> {
  const where = host === null ? [] : ["--host", host];
  const server = spawnTp1(["serve", "-p", String(port), ...where, "-v", ...extraArgs]);
  try {
    await server.waitForStderr(new RegExp(`listening on \\S*:${port}\n`));
  } catch (error) {
    await server[Symbol.asyncDispose]();
    throw error;
  }
  return server;
}

/** Starts `tp1 …args` in a fresh terminal (a private tmux server), from the repository root. */
export function startTp1InTerminal(
  args: readonly string[],
  options: Omit<TmuxOptions, "cwd"> & { readonly env?: Record<string, string> } = {},
): Promise<TmuxPane> {
  // The pane's locale is the tmux server's (the tester's): English unless a test says otherwise.
  const locale = Object.entries({ ...ENGLISH_LOCALE, ...options.env }).map(([k, v]) => `${k}=${v}`);
  return TmuxPane.start(
    ["env", ...locale, Deno.execPath(), "run", "--allow-all", MAIN_TS, ...args],
    {
      cwd: decodeURIComponent(REPO_ROOT.pathname),
      ...options,
    },
  );
}
