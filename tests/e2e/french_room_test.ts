/**
 * The server side in French, end to end (LANG=fr_FR.UTF-8 in the child's
 * environment): the lab session in a pseudo-terminal, the chat room's welcome,
 * joins and leaves, a refused connection (--deny), a wrong password. And across
 * languages: what a server sends is in its language, what each tp1 connect
 * says is in its own, and each understands the other (TLS hint, plain-only
 * line, password refusal). The English runs are in interactive_pty_test.ts,
 * serve_chat_test.ts, access_rules_test.ts, password_test.ts, plain_meets_tls_test.ts.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { withFirstBytesWaiting } from "../_helpers/held_server.ts";
import { canReadProc } from "../proc/_proc_access.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import {
  ENGLISH_LOCALE,
  FRENCH_LOCALE,
  MAIN_TS,
  REPO_ROOT,
  runTp1,
  spawnTp1,
} from "../_helpers/tp1.ts";
import { TmuxPane } from "../_helpers/tmux.ts";
import type { ChildProcess } from "../_helpers/child_process.ts";

const ignore = !canRun;
const NBSP = "\u00a0";
const decoder = new TextDecoder();
/** French text with its no-break spaces read as plain ones, so expectations read plainly. */
const plain = (text: string) => text.replaceAll(NBSP, " ");

/** `tp1 …args` in French in a fresh terminal (a private tmux server). */
function startFrenchInTerminal(args: readonly string[]): Promise<TmuxPane> {
  const locale = Object.entries(FRENCH_LOCALE).map(([name, value]) => `${name}=${value}`);
  return TmuxPane.start(
    ["env", ...locale, Deno.execPath(), "run", "--allow-all", MAIN_TS, ...args],
    {
      cwd: decodeURIComponent(REPO_ROOT.pathname),
    },
  );
}

/** Waits until the pane's screen, no-break spaces read as spaces, includes `text`. */
function screenShows(pane: TmuxPane, text: string): Promise<string> {
  return pane.waitForScreen((screen) => plain(screen).includes(text));
}

/** `tp1 serve --chat` in `env`'s language on a free port, once it listens (its log on stdout). */
async function startChat(
  env: Readonly<Record<string, string>>,
  extra: readonly string[] = [],
): Promise<{ server: ChildProcess; port: number }> {
  const port = freePort();
  const server = spawnTp1(
    ["serve", "--chat", "-p", String(port), "--host", "127.0.0.1", ...extra],
    {
      env,
    },
  );
  try {
    await server.waitForStdout(
      env === FRENCH_LOCALE ? "* salon tp1, en écoute sur" : "listening on",
    );
  } catch (error) {
    await server[Symbol.asyncDispose]();
    throw error;
  }
  return { server, port };
}

/** A raw TCP client that collects what it receives, as text with plain spaces. */
async function rawClient(port: number) {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  let received = "";
  const done = readToEnd(conn, (chunk) => {
    received += decoder.decode(chunk, { stream: true });
  }).catch(() => undefined);
  return {
    conn,
    done,
    get text() {
      return plain(received);
    },
    until: (expected: string) =>
      waitFor(() => plain(received).includes(expected), () => `${expected} in ${received}`),
  };
}

Deno.test({
  name:
    "LANG=fr_FR.UTF-8: the lab session in terminals, tp1 serve and tp1 connect in French, lines both ways, exit (needs --allow-run and tmux)",
  ignore: ignore || !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  await using server = await startFrenchInTerminal([
    "serve",
    "-p",
    String(port),
    "--host",
    "127.0.0.1",
  ]);
  await server.waitForScreen(new RegExp(`server@[^:\\s]+:${port}\\$`));
  const banner = plain(await server.screen());
  assertIncludes(banner, `serveur tp1\nen écoute sur 127.0.0.1:${port}`);
  assertIncludes(banner, "« exit », Ctrl-D ou Ctrl-C arrête le serveur");

  await using client = await startFrenchInTerminal(["connect", "127.0.0.1", String(port)]);
  await client.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));
  assertIncludes(plain(await client.screen()), `client tp1 — connecté à 127.0.0.1:${port} depuis`);
  const joined = await server.waitForScreen((s) => /\(1 client connecté\)/.test(plain(s)));
  assertMatch(
    plain(joined),
    /\* nouvelle connexion : 127\.0\.0\.1:\d+, sous le nom user1 \(1 client connecté\)/,
  );

  await client.type("bonjour, ça va ?");
  await client.press("Enter");
  await server.waitForScreen((s) => /user1 \(127\.0\.0\.1:\d+\): bonjour, ça va \?/.test(s));
  await server.type("très bien, merci");
  await server.press("Enter");
  await screenShows(client, "from server: très bien, merci");

  await server.type("exit");
  await server.press("Enter");
  await screenShows(client, "* le serveur a fermé la connexion");
  assertEquals(await client.exitStatus(), 0);
  assertEquals(await server.exitStatus(), 0);
  assertMatch(plain(await server.screen()), /\* serveur arrêté/);
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8 tp1 serve --chat: welcome, join and leave announcements in French (needs --allow-run)",
  ignore,
}, async () => {
  const { server, port } = await startChat(FRENCH_LOCALE);
  await using _server = server;
  const alice = await rawClient(port);
  await alice.until("/help liste les commandes\n");
  assertEquals(alice.text.split("\n").slice(0, 3), [
    "* bienvenue dans le salon tp1, user1 !",
    "* personne d'autre n'est là pour l'instant",
    "* /nick NOM change votre nom, /help liste les commandes",
  ]);
  const bob = await rawClient(port);
  await bob.until("* déjà là : user1 (127.0.0.1)\n");
  await alice.until("* user2 arrive depuis 127.0.0.1\n");
  await bob.conn.write(utf8("/quit\n"));
  await bob.until("* au revoir, user2\n");
  await bob.done;
  await alice.until("* user2 a quitté le salon (/quit)\n");
  // The operator's log (stdout here) is French too, with the count.
  await server.waitForStdout(/user2 a quitté le salon \(\/quit\) — 1 client connecté/);
  alice.conn.close();
  await alice.done;
  server.kill("SIGINT");
  await server.finished();
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8 tp1 serve --deny: the refused client reads why in French, the log says who (needs --allow-run)",
  ignore,
}, async () => {
  const { server, port } = await startChat(FRENCH_LOCALE, ["--deny", "127.0.0.1"]);
  await using _server = server;
  const refused = await rawClient(port);
  await refused.done;
  assertEquals(
    refused.text,
    "* désolé, 127.0.0.1 n'a pas le droit de se connecter à ce serveur ; demandez à la personne qui le lance\n",
  );
  await server.waitForStdout(/\* 127\.0\.0\.1:\d+ refusé/);
  server.kill("SIGINT");
  await server.finished();
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8 tp1 serve --max-clients 1: the client turned away reads why in French, and the log says it in French (needs --allow-run)",
  ignore,
}, async () => {
  const { server, port } = await startChat(FRENCH_LOCALE, ["--max-clients", "1"]);
  await using _server = server;
  const first = await rawClient(port);
  try {
    await server.waitForStdout(/\* user1 arrive depuis 127\.0\.0\.1:\d+/);
    const refused = await rawClient(port);
    await refused.done;
    assertMatch(refused.text, /^\* désolé, le serveur est complet : 1 client connecté/);
    await server.waitForStdout(
      /\* 127\.0\.0\.1:\d+ refusé\s:\sle serveur est complet \(--max-clients 1\)/,
    );
  } finally {
    first.conn.close();
    await first.done;
  }
  server.kill("SIGINT");
  await server.finished();
});

Deno.test({
  name:
    "a French server refuses a wrong password; a French and an English tp1 connect each say so in their own language (needs --allow-run --allow-write)",
  ignore,
}, async () => {
  const dir = await Deno.makeTempDir();
  try {
    const right = `${dir}/right`;
    const wrong = `${dir}/wrong`;
    await Deno.writeTextFile(right, "s3cret\n");
    await Deno.writeTextFile(wrong, "guess\n");
    const { server, port } = await startChat(FRENCH_LOCALE, ["--password-file", right]);
    await using _server = server;
    const raw = await rawClient(port);
    await raw.until("tapez-le puis Entrée");
    await raw.conn.write(utf8("guess\n"));
    await raw.done;
    assertEquals(
      raw.text,
      "* ce serveur demande un mot de passe : tapez-le puis Entrée (tp1 connect --password le cache)\n" +
        "* mot de passe incorrect : la connexion est fermée\n",
    );
    const args = ["connect", "--password-file", wrong, "127.0.0.1", String(port)];
    const french = await runTp1(args, "", FRENCH_LOCALE);
    assertEquals(french.code, 1, french.stderr);
    assertIncludes(plain(french.stderr), `127.0.0.1:${port} a refusé le mot de passe`);
    const english = await runTp1(args, "", ENGLISH_LOCALE);
    assertEquals(english.code, 1, english.stderr);
    assertIncludes(english.stderr, `127.0.0.1:${port} refused the password`);
    server.kill("SIGINT");
    await server.finished();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name:
    "across languages: tp1 connect understands a --tls server's hint and a plain server's answer to TLS, French server and English client and the other way round (needs --allow-all)",
  ignore: ignore || !canReadProc,
}, async () => {
  {
    const { server, port } = await startChat(FRENCH_LOCALE, ["--tls"]);
    await using _server = server;
    const english = await runTp1(
      ["connect", "127.0.0.1", String(port)],
      "bonjour\n",
      ENGLISH_LOCALE,
    );
    assertEquals(english.code, 1, english.stderr);
    assertIncludes(english.stderr, `127.0.0.1:${port} speaks TLS: add --tls`);
    server.kill("SIGINT");
    await server.finished();
  }
  {
    const { server, port } = await startChat(FRENCH_LOCALE);
    await using _server = server;
    // Held until the ClientHello waits for it: a loaded machine can delay it past the plain
    // server's wait for first bytes, which then lets the client in as a silent plain one.
    const english = await withFirstBytesWaiting(server.pid, port, () =>
      runTp1(
        ["connect", "--tls", "--insecure", "127.0.0.1", String(port)],
        "",
        ENGLISH_LOCALE,
      ));
    assertEquals(english.code, 1, english.stderr);
    assertIncludes(english.stderr, `127.0.0.1:${port} does not speak TLS: drop --tls`);
    server.kill("SIGINT");
    await server.finished();
  }
  {
    const { server, port } = await startChat(ENGLISH_LOCALE, ["--tls"]);
    await using _server = server;
    const french = await runTp1(["connect", "127.0.0.1", String(port)], "bonjour\n", FRENCH_LOCALE);
    assertEquals(french.code, 1, french.stderr);
    assertIncludes(plain(french.stderr), `127.0.0.1:${port} parle TLS : ajoutez --tls`);
    server.kill("SIGINT");
    await server.finished();
  }
});
