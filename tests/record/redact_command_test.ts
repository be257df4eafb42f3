/** redactCommandLine(): the command line of a transcript never holds a password. */
import { assertEquals } from "../_helpers/assert.ts";
import { redactCommandLine } from "../../src/record/redact_command.ts";

Deno.test("redactCommandLine() replaces --password=SECRET and keeps every other word", () => {
  assertEquals(
    redactCommandLine("tp1 serve", [
      "--password=hunter2",
      "-p",
      "8000",
      "--password-file",
      "pw.txt",
    ]),
    "tp1 serve --password=… -p 8000 --password-file pw.txt",
  );
  assertEquals(
    redactCommandLine("tp1 connect", ["vm1", "--record", "my notes.md"]),
    "tp1 connect vm1 --record 'my notes.md'",
  );
});

Deno.test("redactCommandLine() leaves words after -- alone (they are not options)", () => {
  assertEquals(
    redactCommandLine("tp1 connect", ["--", "--password=x"]),
    "tp1 connect -- --password=x",
  );
});
