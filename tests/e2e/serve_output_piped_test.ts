/**
 * `tp1 serve | tee transcript.txt` from a terminal: the output is a pipe, so the
 * server runs piped (like nc -l). A person at the keyboard is told so, in one
 * line on stderr, with the way to keep a transcript instead (--record).
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import { MAIN_TS, REPO_ROOT, runTp1 } from "../_helpers/tp1.ts";
import { pipedOutputNotice } from "../../src/cli/serve_command.ts";

Deno.test({
  name: "tp1 serve | cat on a terminal says on stderr that it runs piped (needs tmux)",
  ignore: !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  const args = ["serve", "-p", String(port), "--host", "127.0.0.1"];
  await using tp1 = await TmuxPane.start(
    ["sh", "-c", `"$@" | cat`, "sh", Deno.execPath(), "run", "--allow-all", MAIN_TS, ...args],
    { cwd: decodeURIComponent(REPO_ROOT.pathname), width: 100 },
  );
  await tp1.waitForScreen("runs piped, like nc -l");
  const client = await Deno.connect({ hostname: "127.0.0.1", port });
  await client.write(utf8("raw bytes\n"));
  // The notice wraps over a few rows of the terminal, then the client's bytes follow.
  const screen = (await tp1.waitForScreen("raw bytes")).replace(/\s+/g, "");
  assertIncludes(screen, `tp1: ${pipedOutputNotice(args.slice(1))}raw bytes`.replace(/\s+/g, ""));
  client.close();
  assertEquals(await tp1.exitStatus(), 0);
});

Deno.test("pipedOutputNotice() names the command that keeps a transcript: tp1's own --record", () => {
  const notice = pipedOutputNotice(["-p", "8000", "--password=a b"]);
  assertIncludes(
    notice,
    "without the redirection: tp1 serve -p 8000 '--password=a b' --record session.md",
  );
});

Deno.test("tp1 serve with no terminal at all says nothing about piped mode", async () => {
  const port = freePort();
  const done = runTp1(["serve", "-p", String(port), "--host", "127.0.0.1", "--once"], "");
  // Nobody connects: a client is needed for it to end.
  let client: Deno.TcpConn | undefined;
  for (let i = 0; i < 200 && !client; i++) {
    client = await Deno.connect({ hostname: "127.0.0.1", port }).catch(() => undefined);
    if (!client) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  client?.close();
  const { stderr } = await done;
  assertEquals(stderr.includes("runs piped"), false, stderr);
});
