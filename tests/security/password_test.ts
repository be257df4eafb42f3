/**
 * `tp1 serve --password` end to end: `tp1 connect --password-file` with the
 * right and a wrong password, an `nc`-style client answering the request by
 * hand, and the bare `--password` that asks the operator without echo.
 */
import {
  assertEquals,
  assertIncludes,
  assertMatch,
  assertNotIncludes,
} from "../_helpers/assert.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { startChatServer } from "../_helpers/serve_process.ts";
import { SourceClient } from "../_helpers/source_client.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import { MAIN_TS, REPO_ROOT, runTp1, startPipedServer } from "../_helpers/tp1.ts";
import {
  PASSWORD_ACCEPTED,
  PASSWORD_REJECTED,
  PASSWORD_REQUEST,
} from "../../src/auth/password_protocol.ts";

const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";

/** Runs `body` with two password files, the right one and a wrong one; removes them after. */
async function withPasswordFiles(
  body: (files: { right: string; wrong: string }) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "tp1-password-" });
  try {
    await Deno.writeTextFile(`${dir}/right`, "correct horse\n");
    await Deno.writeTextFile(`${dir}/wrong`, "battery staple\n");
    await body({ right: `${dir}/right`, wrong: `${dir}/wrong` });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test({
  name:
    "tp1 serve --password-file admits tp1 connect --password-file with the right password, refuses and logs a wrong one (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  await withPasswordFiles(async ({ right, wrong }) => {
    const port = freePort();
    await using server = await startPipedServer(port, ["--password-file", right, "-k"]);
    assertIncludes(
      server.stderr,
      "tp1: warning: --password without --tls: the password crosses the network in clear text\n",
    );
    await server.closeStdin();
    const admitted = await runTp1(
      ["connect", "--password-file", right, "127.0.0.1", String(port)],
      "with the right password\n",
    );
    assertEquals(admitted.code, 0, admitted.stderr);
    assertEquals(admitted.stdout, "", "the password exchange is not part of the data");
    await server.waitForStdout("with the right password\n");

    const refused = await runTp1(
      ["connect", "--password-file", wrong, "127.0.0.1", String(port)],
      "with a wrong password\n",
    );
    assertEquals(refused.code, 1);
    assertEquals(
      refused.stderr,
      `error: 127.0.0.1:${port} refused the password; check it with the server's operator\n`,
    );
    await server.waitForStderr(/tp1: \* refused 127\.0\.0\.1:\d+: wrong password\n/);
    assertNotIncludes(server.stdout, "with a wrong password");
    assertNotIncludes(server.stderr, "battery staple", "the wrong guess is not logged");
  });
});

Deno.test({
  name:
    "tp1 serve --password-file asks an nc-style client in one line, which can answer it by hand and then send data (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  await withPasswordFiles(async ({ right }) => {
    const port = freePort();
    await using server = await startPipedServer(port, ["--password-file", right]);
    await server.closeStdin();
    await using client = await SourceClient.connect({ port });
    await client.waitForText(`${PASSWORD_REQUEST}\n`);
    await client.write("correct horse\r\n"); // telnet and nc -C end lines with CRLF
    await client.waitForText(`${PASSWORD_ACCEPTED}\n`);
    await client.write("typed by hand\n");
    client.end();
    assertEquals(await client.waitForEnd(), `${PASSWORD_REQUEST}\n${PASSWORD_ACCEPTED}\n`);
    const done = await server.finished();
    assertEquals(done.code, 0, done.stderr);
    assertEquals(done.stdout, "typed by hand\n", "only the bytes after the password are data");
  });
});

Deno.test({
  name:
    "tp1 serve --chat --password-file tells an nc-style client with a wrong answer so, closes, and logs it; the room never sees it (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  await withPasswordFiles(async ({ right }) => {
    const { server, port } = await startChatServer(["--password-file", right]);
    await using _server = server;
    {
      await using guesser = await SourceClient.connect({ port, from: "127.0.0.3" });
      await guesser.waitForText(`${PASSWORD_REQUEST}\n`);
      await guesser.write("letmein\n");
      assertEquals(
        await guesser.waitForEnd(),
        `${PASSWORD_REQUEST}\n${PASSWORD_REJECTED}\n`,
      );
    }
    await server.waitForStdout(/\* refused 127\.0\.0\.3:\d+: wrong password\n/);
    {
      // One that leaves without answering is refused too, and logged as such.
      await using silent = await SourceClient.connect({ port, from: "127.0.0.4" });
      await silent.waitForText(`${PASSWORD_REQUEST}\n`);
    }
    await server.waitForStdout(/\* refused 127\.0\.0\.4:\d+: no password given\n/);
    assertNotIncludes(server.stdout, "joined");
    assertNotIncludes(server.stdout, "letmein");
  });
});

Deno.test({
  name:
    "tp1 serve --chat --password on a terminal asks the operator for it without echo, then admits clients giving it (needs --allow-run and tmux)",
  ignore: !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  await using pane = await TmuxPane.start(
    [
      Deno.execPath(),
      "run",
      "--allow-all",
      MAIN_TS,
      "serve",
      "--chat",
      "--password",
      "--host",
      "127.0.0.1",
      "-p",
      String(port),
    ],
    { cwd: decodeURIComponent(REPO_ROOT.pathname), width: 120 },
  );
  await pane.waitForScreen(/^password: ?$/m);
  await pane.type("hush hush");
  await pane.press("Enter");
  const screen = await pane.waitForScreen(new RegExp(`server@[^:\\s]+:${port}\\$`));
  assertNotIncludes(screen, "hush");
  assertIncludes(
    screen,
    "--password without --tls: the password crosses the network in clear text",
  );
  await using client = await SourceClient.connect({ port });
  await client.waitForText(`${PASSWORD_REQUEST}\n`);
  await client.write("hush hush\n");
  await client.waitForText("* welcome to the tp1 chat room, user1!\n");
  assertMatch(await pane.waitForScreen("* user1 joined from 127.0.0.1"), /user1 joined/);
  await pane.press("C-c");
  assertEquals(await pane.exitStatus(), 0);
});

Deno.test({
  name:
    "tp1 serve --password-file lets a client in while an earlier one still sits at the password prompt (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  await withPasswordFiles(async ({ right }) => {
    const port = freePort();
    await using server = await startPipedServer(port, ["--password-file", right]);
    await server.closeStdin();
    // The first newcomer never answers: its check waits up to a minute.
    await using silent = await SourceClient.connect({ port });
    await silent.waitForText(PASSWORD_REQUEST);
    const admitted = await runTp1(
      ["connect", "--password-file", right, "127.0.0.1", String(port)],
      "not held up by the silent one\n",
    );
    assertEquals(admitted.code, 0, admitted.stderr);
    await server.waitForStdout("not held up by the silent one\n");
  });
});
