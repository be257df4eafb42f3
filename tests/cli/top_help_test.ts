import { assertEquals } from "../_helpers/assert.ts";
import { asksForTopHelpAlone, COMMAND_NAMES } from "../../src/cli/top_help.ts";
import { COMMANDS } from "../../src/cli/run_cli.ts";

Deno.test("asksForTopHelpAlone() is true for tp1, -h, --help and help, with or without --lang", () => {
  for (
    const args of [[], ["-h"], ["--help"], ["help"], ["--lang", "fr"], ["--lang=en", "-h"], [
      "--help",
      "--lang",
      "fr",
    ]]
  ) {
    assertEquals(asksForTopHelpAlone(args), true, args.join(" "));
  }
});

Deno.test("asksForTopHelpAlone() is false for a command, help on a topic, two words or a bad --lang", () => {
  for (
    const args of [
      ["connect"],
      ["help", "serve"],
      ["--help", "--help"],
      ["-h", "serve"],
      ["--lang", "de", "--help"],
      ["--lang"],
      ["--", "--help"],
      ["--version"],
    ]
  ) {
    assertEquals(asksForTopHelpAlone(args), false, args.join(" "));
  }
});

Deno.test("run_cli.ts's commands are top_help.ts's, in the same order", () => {
  assertEquals(COMMANDS.map((c) => c.name), [...COMMAND_NAMES]);
});
