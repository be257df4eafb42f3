/**
 * End to end, the head start (src/client/head_start.ts): a plain piped
 * `tp1 connect ADDRESS PORT` dials and sends its first chunk before tp1 is loaded,
 * and the command then takes that connection over.
 */
import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { randomBytes, readToEnd, sha256Hex, utf8 } from "../_helpers/bytes.ts";
import { waitFor } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun } from "../_helpers/permissions.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { ENGLISH_LOCALE, MAIN_TS, REPO_ROOT, spawnTp1 } from "../_helpers/tp1.ts";

const ignore = !canRun;

Deno.test({
  name:
    "a plain piped tp1 connect ADDRESS PORT dials once, shows the server's words while its input is silent, and sends all its input unchanged (needs --allow-run)",
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted: Deno.TcpConn[] = [];
  const accepting = (async () => {
    try {
      for (;;) accepted.push(await listener.accept());
    } catch { /* the listener closed */ }
  })();
  await using client = spawnTp1(["connect", "127.0.0.1", String(listener.addr.port)]);
  await waitFor(() => accepted.length > 0, "tp1 connect to dial");
  const [conn] = accepted;
  await conn.write(utf8("hello from the server\n"));
  // Nothing has been typed into the pipe yet: the server's words come out all the same.
  await client.waitForStdout("hello from the server\n");

  const input = randomBytes(2 * 1024 * 1024 + 3);
  const received = readToEnd(conn);
  await client.write(input);
  await client.closeStdin();
  assertEquals(await sha256Hex(await received), await sha256Hex(input));
  conn.close();
  const done = await client.finished();
  assertEquals(done.code, 0, done.stderr);
  listener.close();
  await accepting;
  assertEquals(accepted.length, 1, "one connection: the head start's, taken over");
  for (const other of accepted.slice(1)) other.close();
});

Deno.test({
  name:
    "a plain piped tp1 connect ADDRESS PORT sends input that was waiting at start, and says nothing (needs --allow-run)",
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  await using client = spawnTp1(["connect", "127.0.0.1", String(listener.addr.port)]);
  // Written before tp1 has even started: its head start reads it at once.
  await client.write(utf8("first line\nsecond line\n"));
  await client.closeStdin();
  using conn = await listener.accept();
  assertEquals(new TextDecoder().decode(await readToEnd(conn)), "first line\nsecond line\n");
  conn.closeWrite();
  const done = await client.finished();
  assertEquals([done.code, done.stderr], [0, ""]);
});

Deno.test({
  name:
    "a plain piped tp1 connect ADDRESS PORT that is refused reads none of its input: the next command of the script gets it all (needs --allow-run)",
  ignore,
}, async () => {
  const data = randomBytes(200 * 1024 + 1);
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeFile(file, data);
    // `{ tp1 connect …; cat; } < file`: one open file, shared, as a script's fallback would.
    await using script = new ChildProcess("bash", [
      "-c",
      'file=$1; shift; { "$@"; echo "tp1 exited with $?" >&2; cat; } < "$file"',
      "bash",
      file,
      Deno.execPath(),
      "run",
      "--allow-all",
      MAIN_TS,
      "connect",
      "127.0.0.1",
      String(freePort()),
    ], { cwd: REPO_ROOT, env: ENGLISH_LOCALE });
    const done = await script.finished();
    assertMatch(done.stderr, /nobody is listening on 127\.0\.0\.1:\d+ \(connection refused\)/);
    assertMatch(done.stderr, /tp1 exited with 1\n/);
    assertEquals(done.stdoutBytes.length, data.length, "what cat got after tp1");
    assertEquals(await sha256Hex(done.stdoutBytes), await sha256Hex(data));
  } finally {
    await Deno.remove(file);
  }
});

Deno.test({
  name:
    "a plain piped tp1 connect ADDRESS PORT that cannot load the rest of tp1 (deno run --allow-net alone) dials nothing, as before the head start (needs --allow-run)",
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = String(listener.addr.port);
  await using client = new ChildProcess(
    Deno.execPath(),
    ["run", "--allow-net", MAIN_TS, "connect", "127.0.0.1", port],
    { cwd: REPO_ROOT, env: ENGLISH_LOCALE },
  );
  await client.write(utf8("not to be sent\n"));
  await client.closeStdin();
  const done = await client.finished();
  assertMatch(done.stderr, /Requires read access/);
  // Anything tp1 had dialed waits in the backlog ahead of this probe.
  using probe = await Deno.connect({ hostname: "127.0.0.1", port: Number(port) });
  using first = await listener.accept();
  assertEquals(
    (first.remoteAddr as Deno.NetAddr).port,
    (probe.localAddr as Deno.NetAddr).port,
    "the first connection is the probe",
  );
});
