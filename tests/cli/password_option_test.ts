/** `--password`: a bare flag asks; the word after it is never the password or the host. */
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { spellPasswordFlag } from "../../src/cli/password_option.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("spellPasswordFlag() refuses a word right after a bare --password, saying what to write", () => {
  // Before: "--password hunter2 vm1" took hunter2 as the host (and looked it up in DNS).
  const error = assertThrows(
    () => spellPasswordFlag(["--password", "hunter2", "vm1"]),
    UsageError,
    "write --password=SECRET, or put --password at the end to be asked for it",
  );
  assertEquals(error.message.includes("hunter2"), false, "the secret is not echoed");
});

Deno.test("spellPasswordFlag() lets a bare --password ask, before another option or at the end", () => {
  const asked = spellPasswordFlag(["vm1", "--password"]);
  assertEquals(asked[0], "vm1");
  assertEquals(asked[1].startsWith("--password="), true);
  assertEquals(spellPasswordFlag(["--password", "-v", "vm1"]).length, 3);
  assertEquals(spellPasswordFlag(["--password=s3cret", "vm1"]), ["--password=s3cret", "vm1"]);
});
