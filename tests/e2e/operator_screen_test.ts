/**
 * End to end, the operator's screen misbehaves: the terminal stops being read
 * (a stalled SSH session, a stopped tmux), or the log's stdout was left
 * non-blocking. The real `tp1 serve --chat` runs on a pseudo-terminal the
 * test leaves unread, or under a parent that made its stdout non-blocking.
 * The room must go on, the screen is told what it missed once it is read
 * again, and a log loses nothing.
 */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { fixturePath } from "../_helpers/fixtures.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { MAIN_TS, REPO_ROOT } from "../_helpers/tp1.ts";
import { ChatClient } from "../_helpers/chat_client.ts";

/** Far more than a terminal's buffer holds, so its writes would block. */
const LINES = 3000;

Deno.test({
  name:
    "tp1 serve --chat keeps the room going while its terminal is not read, then says what was missed (needs --allow-run and python3)",
  ignore: !hasCommand("python3"),
}, async () => {
  const port = freePort();
  await using screen = new ChildProcess("python3", [
    fixturePath("stalled_terminal.py"),
    Deno.execPath(),
    "run",
    "--allow-all",
    MAIN_TS,
    "serve",
    "--chat",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
  ], { cwd: REPO_ROOT });
  await screen.waitForStdout(new RegExp(`server@[^:\\s]+:${port}\\$`));
  await screen.write("stall\n");
  await screen.waitForStdout("[stall]");

  await using alice = await ChatClient.connect(port);
  await using bob = await ChatClient.connect(port);
  await bob.waitForLine(/welcome/);
  const line = (i: number) => `line ${i} `.padEnd(120, "x");
  let flood = "";
  for (let i = 0; i < LINES; i++) flood += line(i) + "\n";
  await withDeadline(alice.write(flood), "the flood to be taken");
  // Everything reaches bob although the operator's screen takes nothing.
  await bob.waitForLine(new RegExp(`${line(LINES - 1)}$`));
  // And a newcomer is still greeted.
  await using carol = await ChatClient.connect(port);
  await carol.waitForLine(/welcome/);

  await screen.write("drain\n");
  const shown = await screen.waitForStdout(/\d+ lines were not shown/);
  assertMatch(shown, /\* \d+ lines were not shown: your terminal was not reading/);
  // The prompt comes back under the summary.
  await screen.waitForStdout(new RegExp(`not reading[\\s\\S]*server@[^:\\s]+:${port}\\$`));
  assertEquals(screen.exited, false);
});

Deno.test({
  name:
    "tp1 serve --chat logs every line to a non-blocking stdout read slowly (needs --allow-run and python3)",
  ignore: !hasCommand("python3"),
}, async () => {
  const port = freePort();
  await using log = new ChildProcess("python3", [
    fixturePath("nonblocking_stdout.py"),
    "pipe",
    Deno.execPath(),
    "run",
    "--allow-all",
    MAIN_TS,
    "serve",
    "--chat",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
  ], { cwd: REPO_ROOT, stdin: "null" });
  await log.waitForStdout(`listening on 127.0.0.1:${port}`);
  await using alice = await ChatClient.connect(port);
  await using bob = await ChatClient.connect(port);
  await bob.waitForLine(/welcome/);
  const line = (i: number) => `line ${i} `.padEnd(120, "x");
  let flood = "";
  for (let i = 0; i < LINES; i++) flood += line(i) + "\n";
  await withDeadline(alice.write(flood), "the flood to be taken");
  await bob.waitForLine(new RegExp(`${line(LINES - 1)}$`));
  const written = await log.waitForStdout(`<user1> ${line(LINES - 1)}\n`);
  assertEquals(written.split("\n").filter((row) => row.includes("<user1> line ")).length, LINES);
});
