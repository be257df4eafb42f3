import { loopbackPair } from "../_helpers/loopback_pair.ts";
import { assert, assertEquals, assertMatch, assertRejects } from "../_helpers/assert.ts";
import { askPassword, givePassword } from "../../src/auth/password_exchange.ts";
import {
  busyLine,
  PASSWORD_ACCEPTED,
  PASSWORD_REJECTED,
  PASSWORD_REQUEST,
  throttledLine,
} from "../../src/auth/password_protocol.ts";
import { passwordMatches } from "../../src/auth/password_match.ts";
import { readOneLine } from "../../src/io/read_one_line.ts";
import { UserError } from "../../src/errors.ts";

Deno.test("passwordMatches() accepts only the exact password", () => {
  assertEquals(passwordMatches("s3cret é", "s3cret é"), true);
  assertEquals(passwordMatches("s3cret", "s3cret "), false);
  assertEquals(passwordMatches("s3cret", ""), false);
});

Deno.test("passwordMatches() refuses every near miss: a prefix, one character off, another case, an extension", () => {
  for (
    const near of [
      "s3c", // a prefix
      "s3cre", // all but the last character
      "s", // the first character alone
      "s3cres", // the last character off by one
      "t3cret", // the first character off by one
      "s3Cret", // one letter in another case
      "S3CRET", // all in another case
      "s3crett", // one character more
      "s3cret\r", // a CR kept (askPassword strips the line's own CR before comparing)
      "s3cret\0", // a NUL after it
      "\0s3cret",
    ]
  ) {
    assertEquals(passwordMatches("s3cret", near), false, JSON.stringify(near));
  }
  assertEquals(passwordMatches("s3", "s3cret"), false, "a longer answer to a short secret");
  assertEquals(passwordMatches("é", "e\u0301"), false, "no Unicode normalisation");
});

/** The server's verdict when a client sends `bytes` in answer to the request. */
async function verdictFor(expected: string, bytes: string): Promise<string> {
  using pair = await loopbackPair();
  const asking = askPassword(pair.server, expected);
  assertEquals(await readOneLine(pair.client, 4096), PASSWORD_REQUEST);
  await pair.client.write(new TextEncoder().encode(bytes));
  const verdict = await asking;
  const reply = await readOneLine(pair.client, 4096);
  assertEquals(
    reply,
    verdict === "accepted" ? PASSWORD_ACCEPTED : PASSWORD_REJECTED,
    "right and wrong are both answered at once",
  );
  return verdict;
}

Deno.test("askPassword() takes a trailing CR as the line ending (telnet, nc -C), and nothing else as equal", async () => {
  assertEquals(await verdictFor("s3cret", "s3cret\n"), "accepted");
  assertEquals(await verdictFor("s3cret", "s3cret\r\n"), "accepted", "telnet sends CRLF");
  for (const near of ["s3c\n", "s3c\r\n", "s3cres\n", "S3CRET\r\n", "s3cret\r\r\n", "s3cret \n"]) {
    assertEquals(await verdictFor("s3cret", near), "wrong", JSON.stringify(near));
  }
});

Deno.test("readOneLine() stops at the newline and leaves the rest unread", async () => {
  using pair = await loopbackPair();
  await pair.client.write(new TextEncoder().encode("pass\r\nafter"));
  assertEquals(await readOneLine(pair.server, 64), "pass");
  const rest = new Uint8Array(16);
  const n = await pair.server.read(rest);
  assertEquals(new TextDecoder().decode(rest.subarray(0, n ?? 0)), "after");
});

Deno.test("readOneLine() returns null when the line is longer than the limit", async () => {
  using pair = await loopbackPair();
  await pair.client.write(new TextEncoder().encode("x".repeat(100) + "\n"));
  assertEquals(await readOneLine(pair.server, 10), null);
});

Deno.test("askPassword() and givePassword() agree when the password is right", async () => {
  using pair = await loopbackPair();
  const [verdict] = await Promise.all([
    askPassword(pair.server, "lab-7999"),
    givePassword(pair.client, "lab-7999", "127.0.0.1:7999", 5000),
  ]);
  assertEquals(verdict, "accepted");
});

Deno.test("givePassword() throws a UserError when the server refuses the password", async () => {
  using pair = await loopbackPair();
  const [verdict, given] = await Promise.all([
    askPassword(pair.server, "right"),
    givePassword(pair.client, "wrong", "127.0.0.1:7999", 5000).then(() => "ok", (e) => e),
  ]);
  assertEquals(verdict, "wrong");
  assert(given instanceof UserError);
  assertMatch(given.message, /refused the password/);
});

Deno.test("givePassword() explains when the server never asks", async () => {
  using pair = await loopbackPair();
  await assertRejects(
    () => givePassword(pair.client, "x", "127.0.0.1:7999", 100),
    UserError,
    "did not ask for a password",
  );
});

Deno.test("askPassword() sends the request line that nc users read", async () => {
  using pair = await loopbackPair();
  const asking = askPassword(pair.server, "pw");
  assertEquals(await readOneLine(pair.client, 4096), PASSWORD_REQUEST);
  await pair.client.write(new TextEncoder().encode("pw\n"));
  assertEquals(await asking, "accepted");
});

Deno.test("givePassword() explains a throttled server's refusal and when to try again", async () => {
  using pair = await loopbackPair();
  await pair.server.write(
    new TextEncoder().encode(throttledLine("127.0.0.1", 11_500) + "\n"),
  );
  const error = await assertRejects(
    () => givePassword(pair.client, "x", "127.0.0.1:7999", 5000),
    UserError,
  );
  assertEquals(
    error.message,
    "127.0.0.1:7999 refuses password attempts from this address for now (too many wrong ones): try again in 12 s, with the right password",
  );
});

Deno.test("givePassword() explains a server with too many of this address's prompts open", async () => {
  using pair = await loopbackPair();
  await pair.server.write(new TextEncoder().encode(busyLine("127.0.0.1") + "\n"));
  await assertRejects(
    () => givePassword(pair.client, "x", "127.0.0.1:7999", 5000),
    UserError,
    "waiting for a password",
  );
});
