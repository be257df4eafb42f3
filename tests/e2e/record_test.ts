/**
 * End to end, `--record FILE`: serve and connect chat in real pseudo-terminals
 * (tmux) while the test reads both transcripts line by line; a chat room killed
 * with SIGKILL leaves every line written so far; no password ever reaches a file.
 */
import {
  assertEquals,
  assertIncludes,
  assertMatch,
  assertNotIncludes,
} from "../_helpers/assert.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import { FRENCH_LOCALE, MAIN_TS, REPO_ROOT, spawnTp1 } from "../_helpers/tp1.ts";
import { printedFingerprint, startChatServer } from "../_helpers/serve_process.ts";

const ignore = !hasCommand("tmux");
const SECRET = "hunter2-not-in-any-file";

function startTp1InTerminal(args: string[]): Promise<TmuxPane> {
  return TmuxPane.start([Deno.execPath(), "run", "--allow-all", MAIN_TS, ...args], {
    cwd: decodeURIComponent(REPO_ROOT.pathname),
    width: 160,
  });
}

/** Waits until the file at `path` has a line matching `pattern`; returns the file. */
function lineIn(path: string, pattern: RegExp): Promise<string> {
  let text = "";
  return waitFor(async () => {
    text = await Deno.readTextFile(path).catch(() => "");
    return text.split("\n").some((line) => pattern.test(line)) ? text : undefined;
  }, () => `a line matching ${pattern} in ${path}; it held:\n${text}`);
}

const T = String.raw`\d\d:\d\d:\d\d\.\d{3}  `;

Deno.test({
  name: "serve and connect --record write each event as it happens, and the timeline at the end",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const port = freePort();
      const served = `${dir}/serve.md`;
      const connected = `${dir}/connect.txt`;
      await Deno.writeTextFile(`${dir}/pw`, `${SECRET}\n`);
      await using server = await startTp1InTerminal([
        "serve",
        "-p",
        String(port),
        "--host",
        "127.0.0.1",
        `--password=${SECRET}`,
        "--record",
        served,
      ]);
      await server.waitForScreen("listening on 127.0.0.1");
      let text = await lineIn(served, new RegExp(`^${T}\\* listening on 127\\.0\\.0\\.1:${port}$`));
      assertIncludes(text, "**tp1 serve — recorded ");
      assertIncludes(
        text,
        `- Command: \`tp1 serve -p ${port} --host 127.0.0.1 --password=… --record ${served}\``,
      );
      assertIncludes(text, `- Local address: \`127.0.0.1:${port}\``);
      assertEquals((await Deno.stat(served)).mode! & 0o777, 0o600);

      await using client = await startTp1InTerminal([
        "connect",
        "127.0.0.1",
        String(port),
        "--password-file",
        `${dir}/pw`,
        "--record",
        connected,
      ]);
      await client.waitForScreen("tp1 client — connected to");
      text = await lineIn(
        connected,
        new RegExp(`^${T}\\* connected from 127\\.0\\.0\\.1:\\d+ to 127\\.0\\.0\\.1:${port}$`),
      );
      assertIncludes(text, `Peer address: 127.0.0.1:${port}\n`);
      assertNotIncludes(text, "```", "a .txt transcript is plain text");
      await lineIn(
        served,
        new RegExp(`^${T}\\* accepted 127\\.0\\.0\\.1:\\d+ on 127\\.0\\.0\\.1:${port}$`),
      );

      await client.type("bonjour le serveur");
      await client.press("Enter");
      await lineIn(connected, new RegExp(`^${T}client \\(you\\): bonjour le serveur$`));
      await lineIn(
        served,
        new RegExp(`^${T}user1 \\(127\\.0\\.0\\.1:\\d+\\): bonjour le serveur$`),
      );

      await server.type("salut le client");
      await server.press("Enter");
      await lineIn(served, new RegExp(`^${T}server \\(you\\): salut le client$`));
      await lineIn(connected, new RegExp(`^${T}from server: salut le client$`));

      await client.press("C-d");
      assertEquals(await client.exitStatus(), 0);
      text = await lineIn(connected, /^Timeline:$/);
      assertMatch(
        text,
        new RegExp(
          `${T}\\* connection with 127\\.0\\.0\\.1:${port} closed: sent \\d+ bytes, received \\d+ bytes in \\d+\\.\\d{3} s; the client \\(you\\) closed first \\(FIN sent\\)\n`,
        ),
      );
      assertMatch(text, /établissement \(establishment\) +connected from/);
      assertMatch(text, /transfert \(data transfer\) +first line, typed by the client \(you\)/);
      assertMatch(text, /fermeture \(closing\) +with 127\.0\.0\.1:\d+: sent/);
      await lineIn(served, /the client closed first \(FIN received\)$/);

      await server.type("exit");
      await server.press("Enter");
      assertEquals(await server.exitStatus(), 0);
      text = await lineIn(served, /^\| --- \| --- \| --- \|$/);
      assertEquals(text.split("\n").filter((line) => line.startsWith("```")).length, 2, text);
      assertMatch(text, /\| fermeture \(closing\) \| with 127\.0\.0\.1:\d+: sent \d+ bytes/);
      for (const file of [served, connected]) {
        assertNotIncludes(await Deno.readTextFile(file), SECRET, `the password is in ${file}`);
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("serve --chat --record: a SIGKILL leaves every line written so far, and the next run appends after it", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const port = freePort();
    const path = `${dir}/room.md`;
    const args = ["serve", "--chat", "-p", String(port), "--host", "127.0.0.1", "--record", path];
    const room = spawnTp1(args);
    try {
      await room.waitForStdout("listening on");
      const conn = await Deno.connect({ hostname: "127.0.0.1", port });
      try {
        const say = (line: string) => conn.write(new TextEncoder().encode(line + "\n"));
        await lineIn(path, /^\d.*\* accepted 127\.0\.0\.1:\d+ on /);
        await say("/nick alice");
        await lineIn(path, /alice/);
        await say("first line");
        await say("second line");
        await lineIn(path, /<alice> second line$/);
        room.kill("SIGKILL");
        await room.finished();
      } finally {
        conn.close();
      }
    } finally {
      await room[Symbol.asyncDispose]();
    }
    const killed = await Deno.readTextFile(path);
    for (
      const expected of [
        /\* listening on 127\.0\.0\.1:\d+$/,
        /\* accepted /,
        /alice/,
        /<alice> first line$/,
        /<alice> second line$/,
      ]
    ) {
      assertEquals(
        killed.split("\n").some((line) => expected.test(line)),
        true,
        `${expected} in\n${killed}`,
      );
    }
    // Killed inside the conversation: the fence is still open, and the text is all there.
    assertEquals(killed.split("\n").filter((line) => line.startsWith("```")).length, 1);

    // The next run appends: the open fence is closed first, then a separator and a new header.
    const again = spawnTp1(args, { stdin: "piped" });
    try {
      await again.waitForStdout("listening on");
      await again.write("exit\n");
      await again.finished();
    } finally {
      await again[Symbol.asyncDispose]();
    }
    const both = await Deno.readTextFile(path);
    assertEquals(both.startsWith(killed + "```\n"), true, both);
    assertIncludes(both, "\n---\n\n**tp1 serve --chat — recorded ");
    assertEquals(both.split("\n").filter((line) => line.startsWith("```")).length, 4);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("--record to a file that cannot be written is one sentence, exit 1, before anything starts", async () => {
  const port = freePort();
  await using tp1 = spawnTp1([
    "serve",
    "-p",
    String(port),
    "--chat",
    "--record",
    "/nonexistent-dir/x.md",
  ], {
    stdin: "null",
  });
  const { code, stderr, stdout } = await tp1.finished();
  assertEquals(code, 1);
  assertEquals(
    stderr,
    "error: cannot write the transcript to /nonexistent-dir/x.md: its folder does not exist\n",
  );
  assertEquals(stdout, "");
});

Deno.test({
  name: "over TLS, both transcripts agree that the server closed first when it stopped",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const served = `${dir}/room.txt`;
      const connected = `${dir}/client.txt`;
      const { server, port } = await startChatServer(["--tls", "--record", served]);
      await using _server = server;
      const fingerprint = printedFingerprint(server.stderr);
      await using client = await startTp1InTerminal([
        "connect",
        "--tls",
        "--fingerprint",
        fingerprint,
        "127.0.0.1",
        String(port),
        "--record",
        connected,
      ]);
      await client.waitForScreen("tp1 client — connected to");
      await client.type("hello over tls");
      await client.press("Enter");
      await lineIn(served, /<user1> hello over tls$/);
      server.kill("SIGTERM");
      assertEquals((await server.finished()).code, 0);
      assertEquals(await client.exitStatus(), 0);
      await lineIn(served, /closed: .*; the server \(you\) closed first \(FIN sent\)$/);
      await lineIn(connected, /closed: .*; the server closed first \(FIN received\)$/);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test("LANG=fr_FR.UTF-8 serve --chat --record writes the transcript in French: header, events, closing line, table", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const port = freePort();
    const path = `${dir}/salon.md`;
    const args = ["serve", "--chat", "-p", String(port), "--host", "127.0.0.1", "--record", path];
    await using room = spawnTp1(args, { stdin: "piped", env: FRENCH_LOCALE });
    await room.waitForStdout("en écoute sur");
    const conn = await Deno.connect({ hostname: "127.0.0.1", port });
    try {
      await conn.write(new TextEncoder().encode("bonjour\n"));
      await lineIn(path, /> bonjour$/);
    } finally {
      conn.close();
    }
    await lineIn(path, /\* connexion avec 127\.0\.0\.1:\d+ fermée/);
    await room.write("exit\n");
    await room.finished();
    const text = (await Deno.readTextFile(path)).replaceAll("\u00a0", " ");
    assertIncludes(text, "**tp1 serve --chat — enregistré le ");
    assertIncludes(text, "- Commande : `tp1 serve --chat");
    assertIncludes(text, "- Adresse distante : `une par connexion, ci-dessous`\n");
    assertMatch(text, new RegExp(`${T}\\* en écoute sur 127\\.0\\.0\\.1:${port}\\n`));
    assertMatch(text, /\* enregistrement terminé après \d+,\d{3} s : /);
    assertIncludes(text, "| Heure | Phase TCP | Ce qui s'est passé |\n");
    assertNotIncludes(text, "recorded");
    assertNotIncludes(text, "listening");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("LANG=fr_FR.UTF-8 serve --chat --record on every interface says so in French", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const port = freePort();
    const path = `${dir}/salon.md`;
    await using room = spawnTp1(["serve", "--chat", "-p", String(port), "--record", path], {
      stdin: "piped",
      env: FRENCH_LOCALE,
    });
    await room.waitForStdout("en écoute sur");
    await room.write("exit\n");
    await room.finished();
    const text = (await Deno.readTextFile(path)).replaceAll("\u00a0", " ");
    assertMatch(text, /- Adresse locale : `\S+ \(toutes les interfaces\)`\n/);
    assertMatch(text, new RegExp(`\\* en écoute sur \\S+:${port} \\(toutes les interfaces\\)\\n`));
    assertNotIncludes(text, "every interface");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
