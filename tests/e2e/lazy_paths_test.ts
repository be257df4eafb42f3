/**
 * End to end, the parts of `tp1 connect` that are imported only when used (start-up,
 * issue 14) and that no other end-to-end test reaches: a host given by name (node:dns),
 * a server's first words read piped (every language's lines), a bare `--password` with
 * no terminal to ask on (the secret prompt), and `-v` on a terminal (the step timings
 * and the closing summary). TLS, `--password-file`, `--wait`, `--record` and the prompt
 * are covered by connect_tls_test.ts, password_test.ts, connect_wait_test.ts,
 * record_test.ts and interactive_pty_test.ts.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { runTp1, startTp1InTerminal } from "../_helpers/tp1.ts";

Deno.test({
  name:
    "echo | tp1 connect localhost PORT resolves the name, sends stdin and prints what the server says (needs --allow-run)",
  ignore: !canRun,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  const served = (async () => {
    const conn = await listener.accept();
    await conn.write(utf8("hello from the server\n"));
    const received = await readToEnd(conn);
    conn.close();
    return new TextDecoder().decode(received);
  })();
  const { code, stdout, stderr } = await runTp1(
    ["connect", "localhost", String(port), "-v"],
    "ping\n",
  );
  assertEquals(code, 0, stderr);
  assertEquals(stdout, "hello from the server\n");
  assertIncludes(stderr, `connected to 127.0.0.1:${port}`);
  assertEquals(await withDeadline(served, "the server to read the client"), "ping\n");
});

Deno.test({
  name:
    "tp1 connect --password without a terminal says to use --password-file, exit 1 (needs --allow-run)",
  ignore: !canRun,
}, async () => {
  const { code, stderr } = await runTp1(["connect", "127.0.0.1", "9", "--password"], "");
  assertEquals(code, 1, stderr);
  assertIncludes(stderr, "--password needs a terminal to ask on; use --password-file FILE instead");
});

Deno.test({
  name:
    "tp1 connect -v on a terminal shows each step's time, then how the connection closed (needs --allow-run and tmux)",
  ignore: !hasCommand("tmux"),
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  await using tp1 = await startTp1InTerminal(["connect", "-v", "127.0.0.1", String(port)]);
  const server = await withDeadline(listener.accept(), "tp1 connect to connect");
  const screen = await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
  assertMatch(screen, new RegExp(`^\\* TCP connect .*127\\.0\\.0\\.1:${port}`, "m"));
  server.close();
  assertMatch(await tp1.waitForScreen("* closed: "), /^\* closed: /m);
  assertEquals(await tp1.exitStatus(), 0);
});

/** What Deno writes to a terminal's stderr when it loads a module mid-run: it erases the line. */
const DENO_ERASES_LINE = "\x1b[0G\x1b[2K\x1b[J";

Deno.test({
  name:
    "tp1 connect -v --record on a terminal loads nothing once its prompt is drawn, so nothing erases it (needs --allow-run and tmux)",
  ignore: !hasCommand("tmux"),
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tp1-lazy-" });
  try {
    using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const { port } = listener.addr;
    const output = `${dir}/terminal.out`;
    await using tp1 = await startTp1InTerminal([
      "connect",
      "-v",
      "127.0.0.1",
      String(port),
      "--record",
      `${dir}/session.md`,
    ]);
    await tp1.recordOutput(output);
    const server = await withDeadline(listener.accept(), "tp1 connect to connect");
    await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
    await server.write(utf8("a line from the server\n"));
    await tp1.waitForScreen("from server: a line from the server");
    server.close();
    await tp1.waitForScreen("* the server closed the connection");
    assertEquals(await tp1.exitStatus(), 0);
    const written = await Deno.readTextFile(output);
    const afterPrompt = written.slice(written.indexOf("client@"));
    assertEquals(afterPrompt.includes(DENO_ERASES_LINE), false, JSON.stringify(afterPrompt));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
