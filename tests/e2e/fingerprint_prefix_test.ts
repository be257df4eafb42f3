/**
 * `--fingerprint` takes the first 20 hex digits or more (80 bits), as the short
 * command a `--tls` server prints for a whiteboard; the check is as strict on
 * those digits as on the whole fingerprint.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun } from "../_helpers/permissions.ts";
import { printedFingerprint } from "../_helpers/serve_process.ts";
import { runTp1, startPipedServer } from "../_helpers/tp1.ts";

const NEEDS_RUN = "(needs --allow-run)";

/** The fingerprint's hex digits with the last of the first `digits` changed. */
function offByLastDigit(fingerprint: string, digits: number): string {
  const hex = fingerprint.replaceAll(":", "").slice(0, digits);
  const last = hex.at(-1) === "0" ? "1" : "0";
  return hex.slice(0, -1) + last;
}

Deno.test({
  name:
    `tp1 connect --fingerprint with the server's short form connects; one digit off is refused ${NEEDS_RUN}`,
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["--tls", "-k", "--password=sesame"]);
  const fingerprint = printedFingerprint(server.stderr);
  const short = /short enough for a whiteboard \(the first 20 hex digits\): (tp1 connect .*)\n/
    .exec(server.stderr)?.[1];
  const prefix = fingerprint.replaceAll(":", "").slice(0, 20).match(/..../g)!.join(":");
  // The printed commands hold --password (to be asked), never the secret itself.
  assertEquals(short, `tp1 connect --tls --fingerprint ${prefix} 127.0.0.1 ${port} --password`);
  assertEquals(server.stderr.includes("sesame"), false);
  // Piped: each client reads the server's (empty) input to its end, then goes.
  await server.closeStdin();

  const dir = await Deno.makeTempDir({ prefix: "tp1-fingerprint-prefix-" });
  try {
    await Deno.writeTextFile(`${dir}/password`, "sesame\n");
    const args = (pin: string) => [
      "connect",
      "--tls",
      "--fingerprint",
      pin,
      "127.0.0.1",
      String(port),
      "--password-file",
      `${dir}/password`,
      "-v",
    ];
    // Before: 'takes the server's SHA-256 fingerprint (64 hex digits…)', exit 2.
    const good = await runTp1(args(prefix), "hello\n");
    assertEquals(good.code, 0, good.stderr);
    assertIncludes(good.stderr, "matches the pinned fingerprint prefix");
    await server.waitForStdout("hello\n");

    const bad = await runTp1(args(offByLastDigit(fingerprint, 20)), "must not arrive\n");
    assertEquals(bad.code, 1, bad.stderr);
    assertMatch(bad.stderr, /which does not start with the pinned [0-9A-F:]+; compare again/);
    assertEquals(server.stdout.includes("must not arrive"), false);

    const tooShort = await runTp1(args(fingerprint.slice(0, 3 * 9)), "");
    assertEquals(tooShort.code, 2, tooShort.stderr);
    assertIncludes(tooShort.stderr, "has 18 hex digits: give at least the first 20 (80 bits");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
