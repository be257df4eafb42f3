/**
 * End to end in French (LANG=fr_FR.UTF-8 in the child's environment, nothing
 * stronger set): help, a usage error, a refused connection, a port in use,
 * `tp1 port`, a TLS pin failure. The exit codes are the same as in English, and
 * the French typography (no-break spaces, « guillemets ») reaches the screen.
 * The English runs of the same cases are in cli_test.ts and connect_tls_test.ts.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { freePort, unusedPort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { canReadProc } from "../proc/_proc_access.ts";
import { FRENCH_LOCALE, runTp1, startTp1InTerminal } from "../_helpers/tp1.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { generateSelfSignedCert } from "../../src/tls/make_certificate.ts";
import { startTlsServer } from "../../src/tls/start_tls_server.ts";
import { closeQuietly } from "../../src/io/close_quietly.ts";

const ignore = !canRun;
const NBSP = "\u00a0";

/** `tp1 …args` in French; stderr with its no-break spaces shown as plain ones, for reading. */
async function runFrench(args: string[], stdin = "") {
  const run = await runTp1(args, stdin, FRENCH_LOCALE);
  return { ...run, plain: run.stderr.replaceAll(NBSP, " ") };
}

Deno.test(
  { name: "LANG=fr_FR.UTF-8 tp1 --help is in French (needs --allow-run)", ignore },
  async () => {
    const { code, stdout } = await runFrench(["--help"]);
    assertEquals(code, 0);
    assertIncludes(stdout, `Commandes${NBSP}:\n  serve    attendre des clients sur un port`);
    assertIncludes(stdout, `le port est-il libre${NBSP}? qui l'occupe${NBSP}?`);
  },
);

Deno.test({
  name:
    "LANG=fr_FR.UTF-8, a usage error: French sentence and usage line, exit 2 (needs --allow-run)",
  ignore,
}, async () => {
  const { code, stdout, stderr } = await runFrench(["serve", "8000"]);
  assertEquals([code, stdout], [2, ""]);
  assertEquals(
    stderr.split("\n")[0],
    `erreur${NBSP}: argument inattendu «${NBSP}8000${NBSP}» (choisissez le port avec -p PORT)`,
  );
  assertMatch(stderr.split("\n")[1], new RegExp(`^usage${NBSP}: tp1 serve `));
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8 tp1 connect to a closed port: « connexion refusée », exit 1 (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  const { code, stdout, plain } = await runFrench(["connect", "127.0.0.1", String(port)]);
  assertEquals([code, stdout], [1, ""]);
  assertEquals(
    plain,
    `erreur : personne n'écoute sur 127.0.0.1:${port} (connexion refusée) ; lancez-y le serveur avec : tp1 serve -p ${port}\n`,
  );
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8 tp1 serve on a port in use names the holder in French, exit 1 (needs --allow-run)",
  ignore,
}, async () => {
  using holder = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const { port } = holder.addr;
  const { code, plain } = await runFrench(["serve", "-p", String(port), "--host", "127.0.0.1"]);
  assertEquals(code, 1, plain);
  assertMatch(
    plain,
    new RegExp(
      `^erreur : le port ${port} est déjà utilisé : occupé par le pid ${Deno.pid} \\(deno[^)]*\\) — l'arrêter avec : kill ${Deno.pid} ; ou choisissez un autre port avec -p\n$`,
    ),
  );
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8 tp1 port: the verdict in French, the table as in English (needs --allow-all)",
  ignore: ignore || !canReadProc,
}, async () => {
  using holder = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = holder.addr;
  const french = await runFrench(["port", String(port)]);
  const english = await runTp1(["port", String(port)]);
  assertEquals([french.code, english.code], [1, 1]);
  assertEquals(french.stdout.split("\n")[0], `Le port ${port} est occupé${NBSP}:`);
  // The table, for scripts, is byte for byte the same.
  assertEquals(french.stdout.split("\n\n")[1], english.stdout.split("\n\n")[1]);
  assertMatch(french.stdout.split("\n\n")[1], /^PROTO +STATE +LOCAL +REMOTE +PID +COMMAND +USER\n/);
  // Not just free: a TIME_WAIT left on a drawn port number by another test once made it
  // "libre pour tp1 serve (vérifié en y écoutant)" instead.
  const free = await runFrench(["port", String(await unusedPort())]);
  assertEquals(free.code, 0);
  assertMatch(
    free.stdout,
    /^Le port \d+ est libre\u00a0: aucune socket TCP ni UDP de cette machine ne l'utilise\.\n$/,
  );
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8 tp1 connect --tls with a wrong --fingerprint: refused in French before sending, exit 1 (needs --allow-run)",
  ignore,
}, async () => {
  const cert = await generateSelfSignedCert({ names: ["127.0.0.1"] });
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const served = listener.accept().then(async (tcp) => {
    try {
      const conn = await startTlsServer(tcp, { cert: cert.certPem, key: cert.keyPem });
      closeQuietly(conn);
    } catch {
      closeQuietly(tcp); // the client hangs up during the handshake: expected
    }
  });
  try {
    const wrong = cert.fingerprint.replace(/^../, cert.fingerprint.startsWith("00") ? "11" : "00");
    const { code, stdout, plain } = await runFrench(
      ["connect", "--tls", "--fingerprint", wrong, "127.0.0.1", String(listener.addr.port)],
      "secret line\n",
    );
    assertEquals([code, stdout], [1, ""]);
    assertIncludes(
      plain,
      `erreur : le certificat de 127.0.0.1:${listener.addr.port} a pour empreinte ${cert.fingerprint}, et non l'empreinte épinglée ${wrong} ;`,
    );
    assertIncludes(plain, "quelqu'un intercepte peut-être la connexion");
  } finally {
    listener.close();
    await withDeadline(served, "the TLS test server to finish").catch(() => undefined);
  }
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8, tp1's own stderr lines are French: « tp1 : avertissement : … » (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  const { code, plain } = await runFrench([
    "connect",
    "--password=secret",
    "127.0.0.1",
    String(port),
  ]);
  assertEquals(code, 1);
  assertMatch(plain, /^tp1 : avertissement : --password=… est visible/);
  // English keeps its prefix.
  const english = await runTp1(["connect", "--password=secret", "127.0.0.1", String(port)]);
  assertMatch(english.stderr, /^tp1: warning: --password=… /);
});

Deno.test({
  name:
    "LANG=fr_FR.UTF-8, tp1 connect --password asks « mot de passe : » on the terminal (needs tmux)",
  ignore: !canRun || !hasCommand("tmux"),
}, async () => {
  const port = freePort();
  await using pane = await startTp1InTerminal(
    ["connect", "127.0.0.1", String(port), "--password"],
    { env: FRENCH_LOCALE },
  );
  await pane.waitForScreen(new RegExp(`^mot de passe${NBSP}: ?$`, "m"));
});
