/** `--lang` is taken out of every command line before the command parses it. */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
import { takeLanguageOption } from "../../src/cli/language_option.ts";
import { runTp1 } from "../_helpers/tp1.ts";

Deno.test("takeLanguageOption() takes --lang X and --lang=X anywhere before --", () => {
  assertEquals(takeLanguageOption(["serve", "--lang", "fr", "-p", "8000"]), {
    args: ["serve", "-p", "8000"],
    language: "fr",
    error: undefined,
  });
  assertEquals(takeLanguageOption(["--lang=en", "port"]).language, "en");
  assertEquals(takeLanguageOption(["connect", "--", "--lang", "fr"]), {
    args: ["connect", "--", "--lang", "fr"],
    language: undefined,
    error: undefined,
  });
});

Deno.test("takeLanguageOption() reports a language tp1 does not speak, or a missing one", () => {
  assertEquals(takeLanguageOption(["--lang", "de"]).error, { value: "de" });
  assertEquals(takeLanguageOption(["port", "--lang"]).error, {});
  assertEquals(takeLanguageOption(["--lang", "-p"]).error, {});
});

Deno.test("tp1 --lang de is a usage error (exit 2) naming the two languages", async () => {
  const run = await runTp1(["port", "--lang", "de"]);
  assertEquals(run.code, 2);
  assertIncludes(run.stderr, '--lang takes fr or en, got "de"');
});

Deno.test("tp1 --lang fr with LANG=C speaks French; LC_ALL=C beats LANG=fr_FR.UTF-8", async () => {
  const french = await runTp1(["port", "--lang", "fr", "--nope"], "", { LANG: "C" });
  assertIncludes(french.stderr, "erreur\u00a0: ");
  const english = await runTp1(["port", "--nope"], "", { LC_ALL: "C", LANG: "fr_FR.UTF-8" });
  assertIncludes(english.stderr, "error: ");
  const fromLang = await runTp1(["port", "--nope"], "", { LANG: "fr_FR.UTF-8" });
  assertIncludes(fromLang.stderr, "erreur\u00a0: ");
});
