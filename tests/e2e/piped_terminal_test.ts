/**
 * Piped mode with a terminal as standard output (`echo bonjour | tp1 connect`,
 * `echo bonjour | tp1 serve`): the peer's control characters are shown escaped
 * on the screen, never obeyed. A real terminal (tmux) shows what a person sees.
 */
import { assertIncludes, assertNotIncludes } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import { MAIN_TS, REPO_ROOT } from "../_helpers/tp1.ts";

const ignore = !hasCommand("tmux");

/** Clears the screen, turns it red, renames the window — if obeyed. */
const HOSTILE = "\x1b[2J\x1b[31mred\x1b]0;pwned\x07 tail\n";
const SHOWN = "\\e[2J\\e[31mred\\e]0;pwned\\a tail";

/**
 * Runs `echo bonjour | tp1 ARGS` in a fresh terminal, once the terminal shows
 * what is written to it (tmux drops what a command writes in its first moments).
 * A script, since tmux may split the words of a command line again.
 */
async function echoIntoTp1(args: string): Promise<TmuxPane & { script: string }> {
  const script = await Deno.makeTempFile({ prefix: "tp1-piped-terminal-", suffix: ".sh" });
  const go = `${script}.go`;
  await Deno.writeTextFile(
    script,
    `while [ ! -e '${go}' ]; do echo waiting; sleep 0.05; done; rm '${go}'; clear\n` +
      `echo bonjour | '${Deno.execPath()}' run --allow-all '${MAIN_TS}' ${args}\n` +
      // The pane stays alive: a pane that dies early can lose its first rows.
      `echo "[tp1 exit status $?]"; sleep 60\n`,
  );
  const removeFiles = async () => {
    for (const file of [script, go]) await Deno.remove(file).catch(() => undefined);
  };
  let pane: TmuxPane;
  try {
    pane = await TmuxPane.start(["sh", script], { cwd: decodeURIComponent(REPO_ROOT.pathname) });
  } catch (error) {
    await removeFiles();
    throw error;
  }
  // Disposing of the pane removes the script too, whether the test passed or failed.
  const stopPane = pane[Symbol.asyncDispose].bind(pane);
  const disposable = Object.assign(pane, {
    script,
    [Symbol.asyncDispose]: async () => {
      await stopPane();
      await removeFiles();
    },
  });
  try {
    await pane.waitForScreen("waiting");
    await Deno.writeTextFile(go, "");
  } catch (error) {
    await disposable[Symbol.asyncDispose]();
    throw error;
  }
  return disposable;
}

async function readSome(conn: Deno.Conn): Promise<string> {
  const buffer = new Uint8Array(100);
  const n = await conn.read(buffer);
  return new TextDecoder().decode(buffer.subarray(0, n ?? 0));
}

Deno.test({
  name: "echo | tp1 connect on a terminal shows the server's escape sequences escaped (needs tmux)",
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  await using pane = await echoIntoTp1(`connect 127.0.0.1 ${listener.addr.port}`);
  using conn = await listener.accept();
  assertIncludes(await readSome(conn), "bonjour");
  await conn.write(utf8(HOSTILE));
  await conn.closeWrite();
  // Before: the screen was cleared and "red tail" shown in red, the escapes obeyed.
  const screen = await pane.waitForScreen(/\[tp1 exit status \d+\]/);
  assertIncludes(screen, SHOWN);
  assertIncludes(screen, "[tp1 exit status 0]");
});

Deno.test({
  name: "echo | tp1 serve on a terminal shows the client's escape sequences escaped (needs tmux)",
  ignore,
}, async () => {
  const port = freePort();
  await using pane = await echoIntoTp1(`serve --host 127.0.0.1 -p ${port}`);
  const conn = await waitFor(
    () => Deno.connect({ hostname: "127.0.0.1", port }).catch(() => undefined),
    () => "tp1 serve to listen",
  );
  try {
    assertIncludes(await readSome(conn), "bonjour");
    await conn.write(utf8(HOSTILE));
    await conn.closeWrite();
    const screen = await pane.waitForScreen(/\[tp1 exit status \d+\]/);
    assertIncludes(screen, SHOWN);
    assertNotIncludes(screen, "\x1b");
  } finally {
    conn.close();
  }
});
