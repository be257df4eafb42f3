/**
 * Every help text is a file in tests/cli/snapshots/, so a reviewer reads help
 * changes in the diff. After changing a help text on purpose, rewrite them with
 *
 *   TP1_UPDATE_SNAPSHOTS=1 deno test --allow-all tests/cli/help_snapshot_test.ts
 *
 * The short help (`tp1 CMD --help`) stays short and plain; the rest is in
 * `tp1 help CMD`.
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { runTp1 } from "../_helpers/tp1.ts";
import { COMMANDS, HELP } from "../../src/cli/run_cli.ts";

const SNAPSHOTS = new URL("./snapshots/", import.meta.url);
const updating = Deno.env.get("TP1_UPDATE_SNAPSHOTS") === "1";

/** The most lines a short help may have: one screen, with room for the prompt. */
const SHORT_HELP_LINES = 30;
/** Words a student meets in no help text of serve, connect or cert. */
const JARGON = ["half-close", "SO_REUSEADDR", "queue"];

async function matchesSnapshot(name: string, text: string): Promise<void> {
  const file = new URL(`${name}.txt`, SNAPSHOTS);
  if (updating) {
    await Deno.writeTextFile(file, text + "\n");
    return;
  }
  const expected = await Deno.readTextFile(file).catch(() => undefined);
  assertEquals(
    text + "\n",
    expected,
    `${name}.txt differs from the help text; after an intended change, run with TP1_UPDATE_SNAPSHOTS=1`,
  );
}

Deno.test("tp1 --help matches tests/cli/snapshots/tp1.txt", async () => {
  await matchesSnapshot("tp1", HELP);
});

for (const entry of COMMANDS) {
  Deno.test(`tp1 ${entry.name} --help and tp1 help ${entry.name} match their snapshots`, async () => {
    const command = await entry.load();
    await matchesSnapshot(entry.name, command.help);
    if (command.details !== undefined) {
      await matchesSnapshot(`${entry.name}_details`, command.details);
    }
  });
}

for (const name of ["serve", "connect", "cert"]) {
  Deno.test(`tp1 ${name} --help is one screen, plain, and says where the rest is`, async () => {
    const command = await COMMANDS.find((c) => c.name === name)!.load();
    const lines = command.help.split("\n").length;
    assertEquals(lines <= SHORT_HELP_LINES, true, `${lines} lines`);
    assertIncludes(command.help.split("\n").at(-1)!, `tp1 help ${name}`);
    for (const text of [command.help, command.details ?? ""]) {
      for (const word of JARGON) assertEquals(text.includes(word), false, `"${word}" in the help`);
    }
  });
}

Deno.test("tp1 serve --help prints the short help and tp1 help serve everything", async () => {
  const command = await COMMANDS.find((c) => c.name === "serve")!.load();
  const short = await runTp1(["serve", "--help"]);
  assertEquals([short.code, short.stdout], [0, command.help + "\n"]);
  const all = await runTp1(["help", "serve"]);
  assertEquals([all.code, all.stdout], [0, command.details + "\n"]);
  const unknown = await runTp1(["help", "nope"]);
  assertEquals(unknown.code, 2);
  assertIncludes(unknown.stderr, 'no command "nope"; the commands are serve, connect, port, cert');
});
