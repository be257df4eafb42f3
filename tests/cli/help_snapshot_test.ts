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
import { runTp1 as runTp1In } from "../_helpers/tp1.ts";
import { COMMANDS, topHelp } from "../../src/cli/run_cli.ts";
import { setLanguage } from "../../src/i18n/catalogue.ts";
import type { Language } from "../../src/i18n/language.ts";

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

/** Runs `body` with the help texts in `language` (English is the snapshot without a suffix). */
async function inLanguage(language: Language, body: () => Promise<void>): Promise<void> {
  setLanguage(language);
  try {
    await body();
  } finally {
    setLanguage("en");
  }
}

/** `serve` for English, `serve.fr` for French: the snapshot file's name. */
const named = (name: string, language: Language) =>
  language === "en" ? name : `${name}.${language}`;

for (const language of ["en", "fr"] as const) {
  Deno.test(`tp1 --help (${language}) matches tests/cli/snapshots/${named("tp1", language)}.txt`, async () => {
    await inLanguage(language, () => matchesSnapshot(named("tp1", language), topHelp()));
  });

  for (const entry of COMMANDS) {
    Deno.test(`tp1 ${entry.name} --help and tp1 help ${entry.name} (${language}) match their snapshots`, async () => {
      const command = await entry.load();
      await inLanguage(language, async () => {
        await matchesSnapshot(named(entry.name, language), command.help);
        if (command.details !== undefined) {
          await matchesSnapshot(named(`${entry.name}_details`, language), command.details);
        }
      });
    });
  }

  for (const name of ["serve", "connect", "cert"]) {
    Deno.test(`tp1 ${name} --help (${language}) is one screen, plain, and says where the rest is`, async () => {
      const command = await COMMANDS.find((c) => c.name === name)!.load();
      await inLanguage(language, () => {
        const lines = command.help.split("\n").length;
        assertEquals(lines <= SHORT_HELP_LINES, true, `${lines} lines`);
        assertIncludes(command.help.split("\n").at(-1)!, `tp1 help ${name}`);
        for (const text of [command.help, command.details ?? ""]) {
          for (const word of JARGON) {
            assertEquals(text.includes(word), false, `"${word}" in the help`);
          }
        }
        return Promise.resolve();
      });
    });
  }
}

Deno.test("LANG=fr_FR.UTF-8 tp1 --help and tp1 help serve print the French texts", async () => {
  const french = { LANG: "fr_FR.UTF-8" };
  await inLanguage("fr", async () => {
    const top = await runTp1In(["--help"], "", french);
    assertEquals([top.code, top.stdout], [0, topHelp() + "\n"]);
    const command = await COMMANDS.find((c) => c.name === "serve")!.load();
    const all = await runTp1In(["help", "serve"], "", french);
    assertEquals([all.code, all.stdout], [0, command.details + "\n"]);
  });
});

Deno.test("main.ts answers tp1, -h, --help and help (with or without --lang) with run_cli's top-level help", async () => {
  for (
    const [args, env, language] of [
      [[], {}, "en"],
      [["-h"], {}, "en"],
      [["--help"], { LANG: "C" }, "en"],
      [["help"], {}, "en"],
      [["--lang", "fr", "--help"], {}, "fr"],
      [["--help", "--lang=fr"], { LANG: "en_US.UTF-8" }, "fr"],
      [[], { LANG: "fr_FR.UTF-8" }, "fr"],
      [["--lang", "en", "help"], { LC_ALL: "fr_FR.UTF-8" }, "en"],
      [["--help"], { LC_MESSAGES: "fr_FR.UTF-8" }, "fr"],
    ] as const
  ) {
    await inLanguage(language, async () => {
      // The locale is set outright, whatever the shell running the tests has.
      const run = await runTp1In([...args], "", { LC_ALL: "", LC_MESSAGES: "", LANG: "C", ...env });
      assertEquals([run.code, run.stdout, run.stderr], [0, topHelp() + "\n", ""], args.join(" "));
    });
  }
});

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

/** Placeholders the English help writes, which a French help must not leave in English. */
const ENGLISH_PLACEHOLDERS =
  /\b(HOST|FILE|SECONDS|ADDR|DIR|BYTES|VALUE|NAME)\b|--fingerprint SHA256/;

Deno.test("the French help and usage lines name placeholders in French (HÔTE, FICHIER, SECONDES…)", async () => {
  await inLanguage("fr", async () => {
    for (const entry of COMMANDS) {
      const command = await entry.load();
      for (const text of [command.usage, command.help, command.details ?? ""]) {
        const line = text.split("\n").find((row) => ENGLISH_PLACEHOLDERS.test(row));
        assertEquals(line, undefined, `${entry.name}: ${line}`);
      }
    }
  });
});

Deno.test("every help text, fitted to an 80-column terminal, keeps every word and no line is wider", async () => {
  const { wrapHelp } = await import("../../src/core/word_wrap.ts");
  for (const language of ["en", "fr"] as const) {
    await inLanguage(language, async () => {
      const texts = [topHelp()];
      for (const entry of COMMANDS) {
        const command = await entry.load();
        texts.push(command.help, command.details ?? "");
      }
      for (const text of texts) {
        const fitted = wrapHelp(text, 80);
        const wide = fitted.split("\n").filter((line) => [...line].length > 80);
        // Only over-long single words (none in tp1's help) could stay wider.
        assertEquals(wide, [], language);
        const words = (s: string) => s.split(/\s+/).filter((w) => w !== "");
        assertEquals(words(fitted), words(text), language);
      }
    });
  }
});
