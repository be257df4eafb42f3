/**
 * `tp1 serve --allow/--deny/--allow-file` end to end: clients from distinct
 * loopback sources (127.0.0.1, 127.0.0.2, … and ::1) get in or are refused as
 * the rules say; a refused one reads one line saying so, and the server logs it.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun } from "../_helpers/permissions.ts";
import { startChatServer } from "../_helpers/serve_process.ts";
import { SourceClient } from "../_helpers/source_client.ts";
import { runTp1, startPipedServer } from "../_helpers/tp1.ts";

const canWrite = Deno.permissions.querySync({ name: "write" }).state === "granted";

/** Whether this machine has the IPv6 loopback address. */
function hasIpv6Loopback(): boolean {
  if (Deno.permissions.querySync({ name: "net" }).state !== "granted") return false;
  try {
    Deno.listen({ hostname: "::1", port: 0 }).close();
    return true;
  } catch {
    return false;
  }
}
const hasIpv6 = hasIpv6Loopback();

/** The one line a refused client reads. */
function refusal(address: string): string {
  return `* sorry, ${address} is not allowed to connect to this server; ask its operator\n`;
}

Deno.test({
  name:
    "tp1 serve --chat --allow CIDR --deny ADDR lets in allowed IPv4 sources, refuses the denied and the unlisted with one line, and logs them (needs --allow-run)",
  ignore: !canRun,
}, async () => {
  const { server, port } = await startChatServer([
    "--allow",
    "127.0.0.0/30",
    "--deny",
    "127.0.0.2",
  ]);
  await using _server = server;
  await using first = await SourceClient.connect({ port, from: "127.0.0.1" });
  await first.waitForText("* nobody else is here yet\n");
  {
    // Deny wins over an allow block that contains the address.
    await using denied = await SourceClient.connect({ port, from: "127.0.0.2" });
    assertEquals(await denied.waitForEnd(), refusal("127.0.0.2"));
  }
  {
    await using unlisted = await SourceClient.connect({ port, from: "127.0.0.5" });
    assertEquals(await unlisted.waitForEnd(), refusal("127.0.0.5"));
  }
  await using third = await SourceClient.connect({ port, from: "127.0.0.3" });
  await third.waitForText("* here already: user1 (127.0.0.1)\n");
  await server.waitForStdout("* user2 joined from 127.0.0.3");
  assertMatch(
    server.stdout,
    /^\d\d:\d\d:\d\d \* refused 127\.0\.0\.2:\d+: denied by --deny 127\.0\.0\.2$/m,
  );
  assertMatch(
    server.stdout,
    /^\d\d:\d\d:\d\d \* refused 127\.0\.0\.5:\d+: not in any --allow block$/m,
  );
  assertEquals(first.text.includes("127.0.0.2"), false, "the room never saw the refused clients");
});

Deno.test({
  name:
    "tp1 serve --deny ADDR in piped mode refuses that source with one line, logs it on stderr, and serves the next client (needs --allow-run)",
  ignore: !canRun,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["--deny", "127.0.0.2"]);
  {
    await using denied = await SourceClient.connect({ port, from: "127.0.0.2" });
    await denied.write("must not arrive\n");
    assertEquals(await denied.waitForEnd(), refusal("127.0.0.2"));
  }
  await server.waitForStderr(/tp1: \* refused 127\.0\.0\.2:\d+: denied by --deny 127\.0\.0\.2\n/);
  await server.closeStdin();
  const allowed = await runTp1(["connect", "127.0.0.1", String(port)], "from 127.0.0.1\n");
  assertEquals(allowed.code, 0, allowed.stderr);
  const done = await server.finished();
  assertEquals(done.code, 0);
  assertEquals(done.stdout, "from 127.0.0.1\n");
});

Deno.test({
  name:
    "tp1 serve --allow-file skips comments and blank lines, so an IPv6 client listed only in a comment is refused (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite || !hasIpv6,
}, async () => {
  const file = await Deno.makeTempFile({ prefix: "tp1-allow-", suffix: ".txt" });
  try {
    await Deno.writeTextFile(
      file,
      "# the lab machines\n\n# ::1   (this machine: not today)\r\n127.0.0.0/8   # every IPv4 loopback\r\n",
    );
    const { server, port } = await startChatServer(["--allow-file", file], "::1");
    await using _server = server;
    await using client = await SourceClient.connect({ port, host: "::1" });
    assertEquals(await client.waitForEnd(), refusal("::1"));
    await server.waitForStdout(/\* refused \[::1\]:\d+: not in any --allow block\n/);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test({
  name:
    "tp1 serve --allow-file lets in an IPv6 client listed with a CIDR block and a comment, despite an IPv4 --deny (needs --allow-run --allow-write)",
  ignore: !canRun || !canWrite || !hasIpv6,
}, async () => {
  const file = await Deno.makeTempFile({ prefix: "tp1-allow-", suffix: ".txt" });
  try {
    await Deno.writeTextFile(file, "::1/128   # this machine, IPv6\n");
    const { server, port } = await startChatServer(
      ["--allow-file", file, "--deny", "127.0.0.0/8"],
      "::1",
    );
    await using _server = server;
    await using client = await SourceClient.connect({ port, host: "::1" });
    await client.waitForText("* welcome to the tp1 chat room, user1!\n");
    await server.waitForStdout("* user1 joined from [::1]:");
  } finally {
    await Deno.remove(file);
  }
});

Deno.test({
  name:
    "tp1 serve --deny with an IPv6 address refuses that client in piped mode and logs it (needs --allow-run)",
  ignore: !canRun || !hasIpv6,
}, async () => {
  const port = freePort("::1");
  await using server = await startPipedServer(port, ["--deny", "::1"], "::1");
  await using client = await SourceClient.connect({ port, host: "::1" });
  assertEquals(await client.waitForEnd(), refusal("::1"));
  const log = await server.waitForStderr(/\* refused \[::1\]:\d+: denied by --deny ::1\n/);
  assertIncludes(log, `listening on [::1]:${port}\n`);
  assertEquals(server.stdout, "");
});

Deno.test({
  name:
    "tp1 serve --chat logs a source refused in a loop only a few times, then says its refusals are counted; other sources are still logged (needs --allow-run)",
  ignore: !canRun,
}, async () => {
  const { server, port } = await startChatServer(["--deny", "127.0.0.2"]);
  await using _server = server;
  for (let i = 0; i < 30; i++) {
    await using denied = await SourceClient.connect({ port, from: "127.0.0.2" });
    assertEquals(await denied.waitForEnd(), refusal("127.0.0.2"));
  }
  await using member = await SourceClient.connect({ port, from: "127.0.0.3" });
  await member.waitForText("* nobody else is here yet\n");
  await server.waitForStdout("* user1 joined from 127.0.0.3");
  const refusals = server.stdout.match(/\* refused 127\.0\.0\.2:\d+: denied by --deny/g) ?? [];
  assertEquals(refusals.length, 5);
  assertIncludes(
    server.stdout,
    "* 127.0.0.2 is refused again and again: its refusals in the next ",
  );
});
