/**
 * Every command-line mistake, for every command, is a usage error (exit 2) in
 * tp1's own words: one "error:" sentence and the usage line, nothing from
 * node:util's parser, and no network use (each row fails before any lookup).
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { runCli } from "../../src/cli/run_cli.ts";
import { setLanguage } from "../../src/i18n/catalogue.ts";
import { parseHostPort } from "../../src/core/host_port.ts";
import type { UsageError } from "../../src/errors.ts";

/** Runs tp1 in this process with console.error captured; the exit code and what it printed. */
async function runCaptured(args: string[]): Promise<{ code: number; stderr: string }> {
  const lines: string[] = [];
  const { error, log } = console;
  console.error = (...parts: unknown[]) => lines.push(parts.join(" "));
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    return { code: await runCli(args), stderr: lines.join("\n") };
  } finally {
    console.error = error;
    console.log = log;
  }
}

/** Each bad invocation, with a piece of the sentence tp1 must say. */
const BAD: [string, string][] = [
  ["serve -p -5", 'port must be a whole number from 1 to 65535, got "-5"'],
  ["serve -p", "-p needs a value"],
  ["serve --port --chat", '--port needs a value, but "--chat" follows it'],
  ["serve --chat=yes", "--chat takes no value"],
  ["serve --pasword", "did you mean --password?"],
  ["serve -kx", 'unknown option "-x" in "-kx"'],
  ["serve -port 8000", 'long options start with two dashes: "--port"'],
  ["serve 8000", 'unexpected argument "8000"'],
  ["serve --password hunter2", "write --password=SECRET"],
  ["connect", "which host?"],
  ["connect -p -5 localhost", 'port must be a whole number from 1 to 65535, got "-5"'],
  ["connect --timeout -1 localhost", "--timeout takes a number of seconds"],
  ["connect --wait 20 localhost 80 9", 'unexpected argument "9"'],
  // Before: 'port must be … got "127.0.0.1"', and 'unexpected argument "27199"'.
  ["connect --wait -3 127.0.0.1", '--wait takes a number of seconds above 0, got "-3"'],
  ["connect --wait -3 127.0.0.1 27199", '--wait takes a number of seconds above 0, got "-3"'],
  ["connect -w 5 127.0.0.1", "nc's -w 5 gives up connecting after 5 s: write --timeout 5"],
  ["connect --password hunter2 192.168.100.4", "write --password=SECRET"],
  ["connect --tls=1 localhost", "--tls takes no value"],
  ["connect http://192.168.100.4:7999", "tp1 connect 192.168.100.4 7999"],
  ["connect 192.168.100.4:7999:1", "tp1 connect 192.168.100.4 7999"],
  ["connect 192.168.100.4/24", "tp1 connect 192.168.100.4\n"],
  ["connect --tls 192.168.100.4/24 8000", "tp1 connect --tls 192.168.100.4 8000"],
  ["connect 192.168.100.256", "is not an IPv4 address"],
  // Before: 127.0.0.010 was read as octal and reached 127.0.0.8, its messages saying 127.0.0.010.
  ["connect 127.0.0.010 9", '"127.0.0.010" has an octet with a leading zero (010)'],
  ["connect 127.0.0.010:9", "write 127.0.0.10 if you mean decimal"],
  ["connect ::ffff:127.0.0.010 9", '"::ffff:127.0.0.010" has an octet with a leading zero'],
  // (--max-clients 0 stops a server that lets 127.0.0.010 through before it listens.)
  ["serve --host 127.0.0.010 --max-clients 0", '"127.0.0.010" has an octet with a leading zero'],
  ["cert --name vm1,127.0.0.010", '--name "127.0.0.010" has an octet with a leading zero'],
  ["connect --fingerprint AB:CD localhost", "--fingerprint"],
  ["port -5", 'port must be a whole number from 1 to 65535, got "-5"'],
  ["port --x", 'unknown option "--x"'],
  ["port -h=1", "-h takes no value"],
  ["port 1 2", "at most one PORT"],
  ["cert --days", "--days needs a value"],
  ["cert -n", "-n needs a value"],
  ["cert --ca=yes", "--ca takes no value"],
  ["cert x", 'unexpected argument "x"'],
  ["bogus", 'unknown command "bogus"'],
  ["conect 127.0.0.1", 'unknown command "conect" (did you mean tp1 connect?)'],
  ["sever", 'unknown command "sever" (did you mean tp1 serve?)'],
  ["--versoin", 'unknown option "--versoin" (did you mean --version?)'],
  ["--hepl", 'unknown option "--hepl" (did you mean --help?)'],
  ["help conect", 'no command "conect" (did you mean tp1 help connect?)'],
];

for (const [line, says] of BAD) {
  Deno.test(`tp1 ${line}: a usage error in tp1's own words`, async () => {
    const { code, stderr } = await runCaptured(line.split(" "));
    assertEquals(code, 2, stderr);
    assertMatch(stderr, /^error: /);
    assertIncludes(stderr, says);
    assertMatch(stderr, /\nusage: tp1/);
    // node:util's phrases and codes must never reach the user.
    for (const leak of ["ambiguous", "Did you forget", "ERR_PARSE_ARGS", "parseArgs", "    at "]) {
      assertEquals(stderr.includes(leak), false, `${JSON.stringify(leak)} in ${stderr}`);
    }
  });
}

/** The same mistakes with --lang fr: French sentences, French typography, the same exit code. */
const BAD_FR: [string, string][] = [
  ["serve -p -5", "le port doit être un nombre entier de 1 à 65535, reçu « -5 »"],
  ["serve --pasword", "vouliez-vous dire --password ?"],
  ["serve --port --chat", "--port attend une valeur, mais « --chat » le suit"],
  ["connect", "quel hôte ? donnez l'adresse du serveur"],
  ["connect http://192.168.100.4:7999", "vouliez-vous dire :\n  tp1 connect 192.168.100.4 7999"],
  ["port 1 2", "au plus un PORT attendu"],
  ["cert --days", "--days attend une valeur"],
  ["bogus", "commande inconnue « bogus »"],
  ["conect 127.0.0.1", "commande inconnue « conect » (vouliez-vous dire tp1 connect ?)"],
  ["--versoin", "option inconnue « --versoin » (vouliez-vous dire --version ?)"],
  ["help conect", "pas de commande « conect » (vouliez-vous dire tp1 help connect ?)"],
];

for (const [line, says] of BAD_FR) {
  Deno.test(`tp1 --lang fr ${line}: the usage error in French`, async () => {
    const { code, stderr } = await runCaptured(["--lang", "fr", ...line.split(" ")]);
    assertEquals(code, 2, stderr);
    const plain = stderr.replaceAll("\u00a0", " ");
    assertMatch(plain, /^erreur : /);
    assertIncludes(plain, says);
    assertMatch(plain, /\nusage : tp1/);
    assertEquals(
      / [:;?!»]|« /.test(stderr),
      false,
      `an ordinary space before French punctuation: ${stderr}`,
    );
  });
}

Deno.test("tp1 --lang fr connect: the usage line names its placeholders in French (HÔTE, FICHIER…)", async () => {
  const { code, stderr } = await runCaptured(["--lang", "fr", "connect"]);
  assertEquals(code, 2, stderr);
  assertIncludes(
    stderr.replaceAll("\u00a0", " "),
    "\nusage : tp1 connect HÔTE [PORT] [--udp [--broadcast]] " +
      "[--tls [--ca FICHIER | --fingerprint EMPREINTE | --insecure]] [options]",
  );
  const english = await runCaptured(["--lang", "en", "connect"]);
  assertIncludes(english.stderr, "\nusage: tp1 connect HOST [PORT] [--udp");
});

Deno.test("on an 80-column terminal a French error breaks at spaces, never inside a word", async () => {
  const { errorText } = await import("../../src/cli/run_cli.ts");
  setLanguage("fr");
  try {
    let error: unknown;
    try {
      parseHostPort("192.168.100.4.");
    } catch (e) {
      error = e;
    }
    const text = errorText(error as UsageError, "tp1 connect HÔTE [PORT] [options]", 80);
    for (const line of text.split("\n")) assertEquals([...line].length <= 80, true, line);
    // The sentence is whole once the breaks are joined again: no word was cut.
    assertIncludes(text.replaceAll("\n", " "), "par ex. 192.168.100.4");
    assertEquals(errorText(error as UsageError, "u").includes("\n"), true); // usage on its own line
  } finally {
    setLanguage("en");
  }
});
