/**
 * A plain `tp1 connect` that meets a `--tls` server says so and exits 1, both
 * piped and on a terminal (where it used to show the banner and wait 10 s); a
 * password the server refuses exits 1 in every mode.
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import { runTp1, startPipedServer, startTp1InTerminal } from "../_helpers/tp1.ts";

const NEEDS_RUN = "(needs --allow-run)";
const NEEDS_TMUX = "(needs --allow-run and tmux)";

function connectInTerminal(port: number): Promise<TmuxPane> {
  return startTp1InTerminal(["connect", "127.0.0.1", String(port)], { width: 120 });
}

const speaksTls = (port: number) =>
  `127.0.0.1:${port} speaks TLS: add --tls (and --fingerprint … to pin it)`;

Deno.test({
  name: `echo | tp1 connect to a --tls server says it speaks TLS and exits 1 ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using _server = await startPipedServer(port, ["--tls", "-k"]);
  // Before: the server's hint went to stdout as data, and the exit status was 0.
  const plain = await runTp1(["connect", "127.0.0.1", String(port)], "bonjour\n");
  assertEquals(plain.code, 1, plain.stderr);
  assertEquals(plain.stdout, "");
  assertIncludes(plain.stderr, `error: ${speaksTls(port)}`);
  assertIncludes(plain.stderr, `tp1 connect --tls 127.0.0.1 ${port}`);
});

Deno.test({
  name: `tp1 connect on a terminal to a --tls server says it speaks TLS and exits 1 ${NEEDS_TMUX}`,
  ignore: !canRun || !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  await using _server = await startPipedServer(port, ["--tls", "-k"]);
  await using pane = await connectInTerminal(port);
  // Before: the banner and prompt stayed for 10 s, then exit 0 (beyond this test's deadline).
  const screen = await pane.waitForScreen(/\[exit status \d+\]/);
  assertIncludes(screen.replaceAll("\n", " "), `error: ${speaksTls(port)}`);
  assertIncludes(screen, "[exit status 1]");
});

Deno.test({
  name: `echo WRONG | tp1 connect to a --password server exits 1 ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using _server = await startPipedServer(port, ["--password=sesame", "-k"]);
  const wrong = await runTp1(["connect", "127.0.0.1", String(port)], "wrong\n");
  // Before: the refusal was shown as data and the exit status was 0.
  assertEquals(wrong.code, 1, wrong.stderr);
  assertIncludes(wrong.stdout, "* wrong password: the connection is closed");
  assertIncludes(wrong.stderr, `error: 127.0.0.1:${port} refused the password`);
});

Deno.test({
  name:
    `tp1 connect on a terminal exits 1 when the password typed at the prompt is refused ${NEEDS_TMUX}`,
  ignore: !canRun || !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  await using _server = await startPipedServer(port, ["--password=sesame", "-k"]);
  await using pane = await connectInTerminal(port);
  await pane.waitForScreen(/^password: ?$/m);
  await pane.type("wrong");
  await pane.press("Enter");
  const screen = await pane.waitForScreen(/\[exit status \d+\]/);
  assertIncludes(screen, "* wrong password: the connection is closed");
  assertIncludes(screen, "[exit status 1]");
});

Deno.test({
  name:
    `tp1 connect to a --tls --password server advises a command with --password, piped, on a terminal, and with --password-file ${NEEDS_TMUX}`,
  ignore: !canRun || !hasCommand("tmux"),
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tp1-advice-" });
  try {
    const file = `${dir}/pw`;
    await Deno.writeTextFile(file, "sesame\n");
    const port = freePort();
    await using _server = await startPipedServer(port, ["--tls", "--password-file", file, "-k"]);
    const advised = `tp1 connect --tls 127.0.0.1 ${port} --password\n`;
    // Before: the advised command had no --password, and the server refused it as it came.
    const piped = await runTp1(["connect", "127.0.0.1", String(port)], "bonjour\n");
    assertEquals(piped.code, 1, piped.stderr);
    assertIncludes(piped.stderr, `error: ${speaksTls(port)}`);
    assertIncludes(piped.stderr, advised);
    // Before: "did not ask for a password (it said: …); leave out --password".
    const withFile = await runTp1(["connect", "--password-file", file, "127.0.0.1", String(port)]);
    assertEquals(withFile.code, 1, withFile.stderr);
    assertIncludes(withFile.stderr, `error: ${speaksTls(port)}`);
    assertIncludes(
      withFile.stderr,
      `tp1 connect --tls 127.0.0.1 ${port} --password-file ${file}\n`,
    );
    await using pane = await startTp1InTerminal(["connect", "127.0.0.1", String(port)], {
      width: 200,
      env: { LANG: "fr_FR.UTF-8" },
    });
    const screen = await pane.waitForScreen(/\[exit status \d+\]/);
    assertIncludes(screen, `127.0.0.1:${port} parle TLS`);
    assertIncludes(screen, advised);
    assertIncludes(screen, "[exit status 1]");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
