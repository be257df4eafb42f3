/**
 * `tp1 serve --password` end to end: `tp1 connect --password-file` with the
 * right and a wrong password (near misses included), an `nc`-style client
 * answering the request by hand, the bare `--password` that asks the operator
 * without echo, and the gate's throttle: a source that guessed wrong too often
 * is turned away at once with when to retry, while other sources are asked.
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
import { runTp1, startPipedServer, startTp1InTerminal } from "../_helpers/tp1.ts";
import {
  busyLine,
  PASSWORD_ACCEPTED,
  PASSWORD_REJECTED,
  PASSWORD_REQUEST,
  throttledLine,
} from "../../src/auth/password_protocol.ts";
import { PasswordThrottle } from "../../src/auth/password_throttle.ts";
import { ConnectionGate } from "../../src/gate/connection_gate.ts";

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
  await using pane = await startTp1InTerminal(
    [
      "serve",
      "--chat",
      "--password",
      "--host",
      "127.0.0.1",
      "-p",
      String(port),
    ],
    { width: 120 },
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

/**
 * Plays `tp1 connect …args` (no --password) in a terminal against a server that
 * asks for `right`: the user types it when asked, and it must never reach the
 * screen, nor the terminal's output at all, nor the prompt's history.
 */
async function typeRequestedPassword(
  connectArgs: string[],
  server: { stdout: string; waitForStdout(text: string): Promise<unknown> },
  env: Record<string, string>,
  words: { prompt: RegExp; accepted: string },
): Promise<void> {
  const output = await Deno.makeTempFile({ prefix: "tp1-pty-" });
  try {
    await using pane = await startTp1InTerminal(["connect", ...connectArgs], { width: 120, env });
    await pane.recordOutput(output);
    await pane.waitForScreen(words.prompt);
    await pane.type("correct horse");
    await pane.press("Enter");
    await pane.waitForScreen(words.accepted);
    await pane.type("after the password");
    await pane.press("Enter");
    await server.waitForStdout("after the password\n");
    await pane.press("Up");
    await pane.waitForScreen((screen) => screen.endsWith("$ after the password"));
    await pane.press("Up");
    const screen = await pane.screen();
    assertNotIncludes(screen, "correct");
    assertNotIncludes(screen, "horse");
    assertNotIncludes(await Deno.readTextFile(output), "horse");
    assertNotIncludes(server.stdout, "correct horse");
    await pane.press("C-d");
    assertEquals(await pane.exitStatus(), 0);
  } finally {
    await Deno.remove(output);
  }
}

Deno.test({
  name:
    "tp1 connect without --password types the password the server asks for with echo off (needs --allow-run, --allow-write and tmux)",
  ignore: !canRun || !canWrite || !hasCommand("tmux"),
}, async () => {
  await withPasswordFiles(async ({ right }) => {
    const port = freePort();
    await using server = await startPipedServer(port, ["--password-file", right]);
    await typeRequestedPassword(["127.0.0.1", String(port)], server, {}, {
      prompt:
        /^\* the server asks for a password: type it \(it is not shown\)[^\n]*\npassword: ?$/m,
      accepted: "\n* password accepted\n",
    });
  });
});

Deno.test({
  name:
    "tp1 connect leaving at the server's password prompt (Ctrl-C) is not told its password was refused (needs --allow-run, --allow-write and tmux)",
  ignore: !canRun || !canWrite || !hasCommand("tmux"),
}, async () => {
  await withPasswordFiles(async ({ right }) => {
    const port = freePort();
    await using _server = await startPipedServer(port, ["--password-file", right]);
    await using pane = await startTp1InTerminal(["connect", "127.0.0.1", String(port)], {
      width: 120,
    });
    await pane.waitForScreen(/^password: ?$/m);
    await pane.type("half");
    await pane.press("C-c");
    // Before: "error: 127.0.0.1:PORT refused the password", exit 1, for a password never sent.
    assertEquals(await pane.exitStatus(), 0);
    const screen = await pane.screen();
    assertNotIncludes(screen, "refused the password");
    assertIncludes(screen, "* you left; the connection is closed");
  });
});

Deno.test({
  name:
    "tp1 connect --tls, in French, types the password the server asks for with echo off (needs --allow-run, --allow-write and tmux)",
  ignore: !canRun || !canWrite || !hasCommand("tmux"),
}, async () => {
  await withPasswordFiles(async ({ right }) => {
    const port = freePort();
    await using server = await startPipedServer(port, ["--tls", "--password-file", right]);
    await typeRequestedPassword(
      ["--tls", "--insecure", "127.0.0.1", String(port)],
      server,
      { LANG: "fr_FR.UTF-8" },
      {
        prompt: /^\* le serveur demande un mot de passe[^\n]*\nmot de passe\s:\s?$/m,
        accepted: "* mot de passe accepté",
      },
    );
  });
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

Deno.test({
  name:
    "tp1 connect --password-file is refused with a near miss (a prefix, the last character off, another case) and admitted with a CRLF file; once throttled it says when to retry (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite,
}, async () => {
  const dir = await Deno.makeTempDir({ prefix: "tp1-password-" });
  try {
    const file = async (name: string, text: string) => {
      await Deno.writeTextFile(`${dir}/${name}`, text);
      return `${dir}/${name}`;
    };
    const right = await file("right", "s3cret\n");
    const port = freePort();
    await using server = await startPipedServer(port, ["--password-file", right, "-k"]);
    await server.closeStdin();
    for (const [name, text] of [["prefix", "s3c\n"], ["last", "s3cres\n"], ["case", "S3CRET\n"]]) {
      const refused = await runTp1(
        ["connect", "--password-file", await file(name, text), "127.0.0.1", String(port)],
        `sent with the ${name} guess\n`,
      );
      assertEquals(refused.code, 1, name);
      assertIncludes(refused.stderr, "refused the password", name);
    }
    // A file written on Windows (or by telnet habits) ends its line with CRLF.
    const admitted = await runTp1(
      ["connect", "--password-file", await file("crlf", "s3cret\r\n"), "127.0.0.1", String(port)],
      "sent with the CRLF file\n",
    );
    assertEquals(admitted.code, 0, admitted.stderr);
    await server.waitForStdout("sent with the CRLF file\n");
    assertNotIncludes(server.stdout, "guess");
    // More wrong guesses by hand use up 127.0.0.1's budget (two more, unless the slow runs
    // above let some of it come back): then it is not even asked.
    for (let guesses = 0;; guesses++) {
      if (guesses > 10) throw new Error("10 more wrong guesses and the server still asks");
      await using guesser = await SourceClient.connect({ port });
      const first = await guesser.waitForText("\n");
      if (first !== `${PASSWORD_REQUEST}\n`) {
        assertMatch(first, /^\* too many wrong passwords from 127\.0\.0\.1: try again in \d+ s\n$/);
        break;
      }
      await guesser.write("s3cre\n");
      await guesser.waitForEnd();
    }
    await server.waitForStderr(
      /too many wrong passwords from 127\.0\.0\.1 \(next attempt in \d+ s\)/,
    );
    // What tp1 connect says when throttled, before a gate whose clock does not move: the
    // server's budget comes back in real time, and on a loaded machine it once did while
    // tp1 connect was starting (admitted, exit 0).
    using gate = throttledGate({ burst: 1, refillMs: 60_000, maxPending: 2 });
    await guessWrong(gate, "127.0.0.1");
    const verdict = gate.next();
    const throttled = await runTp1(
      ["connect", "--password-file", right, "127.0.0.1", String(gate.port)],
      "not sent\n",
    );
    assertEquals(await verdict, undefined);
    assertEquals(throttled.code, 1);
    assertMatch(
      throttled.stderr,
      new RegExp(
        `^error: 127\\.0\\.0\\.1:${gate.port} refuses password attempts from this address for now ` +
          `\\(too many wrong ones\\): try again in 60 s, with the right password\n$`,
      ),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** A gate asking for "s3cret", with a throttle on a clock the test moves; its log lines. */
function throttledGate(limits: { burst: number; refillMs: number; maxPending: number }) {
  const clock = { now: 0 };
  const log: string[] = [];
  const gate = new ConnectionGate(
    { access: { allow: [], deny: [] }, password: "s3cret" },
    (line) => log.push(line),
    10_000,
    new PasswordThrottle(() => clock.now, limits),
  );
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  return {
    clock,
    log,
    gate,
    port: listener.addr.port,
    /** The gate's verdict on the next connection, whoever makes it. */
    next: () => listener.accept().then((tcp) => gate.admit(tcp)),
    /** Connects from `from`; the gate's verdict on that connection. */
    async knock(from: string) {
      const admitted = listener.accept().then((tcp) => gate.admit(tcp));
      const client = await SourceClient.connect({ port: listener.addr.port, from });
      return { client, admitted };
    },
    [Symbol.dispose]() {
      gate.close();
      listener.close();
    },
  };
}

/** One wrong guess from `from`, which must be asked, answered at once, and refused. */
async function guessWrong(gate: ReturnType<typeof throttledGate>, from: string): Promise<void> {
  const { client, admitted } = await gate.knock(from);
  await using _client = client;
  await client.waitForText(`${PASSWORD_REQUEST}\n`);
  await client.write("s3c\n");
  assertEquals(await client.waitForEnd(), `${PASSWORD_REQUEST}\n${PASSWORD_REJECTED}\n`);
  assertEquals(await admitted, undefined);
}

Deno.test("ConnectionGate turns a source that guessed wrong too often away at once, before asking, with when to retry", async () => {
  using gate = throttledGate({ burst: 2, refillMs: 60_000, maxPending: 2 });
  await guessWrong(gate, "127.0.0.2");
  await guessWrong(gate, "127.0.0.2");
  {
    // Not asked: one line, then the connection is closed (no socket held for a delay).
    const { client, admitted } = await gate.knock("127.0.0.2");
    {
      await using _client = client;
      assertEquals(await client.waitForEnd(), `${throttledLine("127.0.0.2", 60_000)}\n`);
    }
    assertEquals(await admitted, undefined);
    assertEquals(
      throttledLine("127.0.0.2", 60_000),
      "* too many wrong passwords from 127.0.0.2: try again in 60 s",
    );
  }
  {
    // Refused again, not logged again: a storm of refusals is one log line.
    const { client, admitted } = await gate.knock("127.0.0.2");
    {
      await using _client = client;
      await client.waitForEnd();
    }
    assertEquals(await admitted, undefined);
  }
  assertEquals(gate.log.filter((line) => line.includes("too many wrong passwords")).length, 1);
  assertMatch(
    gate.log.join("\n"),
    /\* refused 127\.0\.0\.2:\d+: too many wrong passwords from 127\.0\.0\.2 \(next attempt in 60 s\)/,
  );
  gate.clock.now += 60_000;
  await guessWrong(gate, "127.0.0.2");
  assertIncludes(gate.log.join("\n"), "* 127.0.0.2: 1 more password attempts were refused");
});

Deno.test("ConnectionGate still asks, and admits, another source while one is throttled", async () => {
  using gate = throttledGate({ burst: 1, refillMs: 60_000, maxPending: 2 });
  await guessWrong(gate, "127.0.0.2");
  {
    const { client } = await gate.knock("127.0.0.2");
    await using _client = client;
    assertEquals(await client.waitForEnd(), `${throttledLine("127.0.0.2", 60_000)}\n`);
  }
  const { client, admitted } = await gate.knock("127.0.0.3");
  await using _client = client;
  await client.waitForText(`${PASSWORD_REQUEST}\n`);
  await client.write("s3cret\r\n");
  await client.waitForText(`${PASSWORD_ACCEPTED}\n`);
  const conn = await admitted;
  assertEquals(conn?.remoteAddr.hostname, "127.0.0.3");
  conn?.close();
});

Deno.test("ConnectionGate does not count right passwords: a class behind one address is never throttled by its own logins", async () => {
  using gate = throttledGate({ burst: 1, refillMs: 60_000, maxPending: 2 });
  for (let i = 0; i < 4; i++) {
    const { client, admitted } = await gate.knock("127.0.0.2");
    await using _client = client;
    await client.waitForText(`${PASSWORD_REQUEST}\n`);
    await client.write("s3cret\n");
    await client.waitForText(`${PASSWORD_ACCEPTED}\n`);
    (await admitted)?.close();
  }
  await guessWrong(gate, "127.0.0.2");
});

Deno.test("ConnectionGate turns away a source with too many password prompts open, at once", async () => {
  using gate = throttledGate({ burst: 5, refillMs: 60_000, maxPending: 1 });
  const waiting = await gate.knock("127.0.0.2");
  await using _waiting = waiting.client;
  await waiting.client.waitForText(`${PASSWORD_REQUEST}\n`);
  {
    const { client, admitted } = await gate.knock("127.0.0.2");
    {
      await using _client = client;
      assertEquals(await client.waitForEnd(), `${busyLine("127.0.0.2")}\n`);
    }
    assertEquals(await admitted, undefined);
  }
  {
    const { client } = await gate.knock("127.0.0.3");
    await using _client = client;
    await client.waitForText(`${PASSWORD_REQUEST}\n`);
  }
  // Once the open prompt is answered, the source may try again.
  await waiting.client.write("s3cret\n");
  (await waiting.admitted)?.close();
  const again = await gate.knock("127.0.0.2");
  await using _again = again.client;
  await again.client.waitForText(`${PASSWORD_REQUEST}\n`);
});
