/**
 * End to end, piped mode: the real `main.ts` in subprocesses, stdin and stdout
 * as pipes, like `tp1 serve > copy.iso` and `tp1 connect vm1 < disk.iso`.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { randomBytes, readToEnd, sha256Hex, utf8 } from "../_helpers/bytes.ts";
import { withDeadline } from "../_helpers/deadline.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, hasCommand } from "../_helpers/permissions.ts";
import { fixturePath } from "../_helpers/fixtures.ts";
import { writeAll } from "../../src/io/byte_ends.ts";
import { MAIN_TS, REPO_ROOT, runTp1, spawnTp1, startPipedServer } from "../_helpers/tp1.ts";
import { ChildProcess } from "../_helpers/child_process.ts";

const ignore = !canRun;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

Deno.test({
  name:
    "tp1 serve and tp1 connect move 3 MiB each way unchanged when both are piped (needs --allow-run)",
  ignore,
}, async () => {
  const toClient = randomBytes(3 * 1024 * 1024);
  const toServer = randomBytes(3 * 1024 * 1024 + 17);
  const port = freePort();
  await using server = await startPipedServer(port);
  const serverFed = server.write(toClient).then(() => server.closeStdin());
  await using client = spawnTp1(["connect", "127.0.0.1", String(port), "-v"]);
  // The client finishes sending only once the server's stdin has ended: a server lets a
  // finished client go when its piped stdin has nothing waiting (serve --help).
  const clientFed = client.write(toServer).then(() => serverFed).then(() => client.closeStdin());
  await withDeadline(Promise.all([serverFed, clientFed]), "both inputs to be consumed", 20_000);

  const [served, connected] = await Promise.all([server.finished(20_000), client.finished(20_000)]);
  assertEquals(served.code, 0, served.stderr);
  assertEquals(connected.code, 0, connected.stderr);
  assertEquals(await sha256Hex(served.stdoutBytes), await sha256Hex(toServer));
  assertEquals(await sha256Hex(connected.stdoutBytes), await sha256Hex(toClient));
  assertIncludes(
    connected.stderr,
    `sent ${toServer.length} bytes, received ${toClient.length} bytes`,
  );
  assertMatch(
    served.stderr,
    new RegExp(`received ${toServer.length} bytes, sent ${toClient.length} bytes`),
  );
});

Deno.test({
  name: "tp1 connect prints nothing but the peer's bytes when -v is not given (needs --allow-run)",
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const peer = (async () => {
    using conn = await listener.accept();
    await conn.write(utf8("raw\x00bytes\r\n"));
    await readToEnd(conn);
  })();
  const result = await runTp1(["connect", "127.0.0.1", String(listener.addr.port)], "");
  await peer;
  assertEquals(result.code, 0);
  assertEquals(result.stdout, "raw\x00bytes\r\n");
  assertEquals(result.stderr, "");
});

Deno.test({
  name:
    "tp1 connect still prints the server's late reply when its input ended first (needs --allow-run)",
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const peer = (async () => {
    using conn = await listener.accept();
    // Like a web server: answers only once the request has been fully read.
    const request = await readToEnd(conn);
    await conn.write(utf8(`HTTP/1.0 200 OK\r\n\r\nyou sent ${request.length} bytes\n`));
    return text(request);
  })();
  const result = await runTp1(
    ["connect", "127.0.0.1", String(listener.addr.port)],
    "GET / HTTP/1.0\r\n\r\n",
  );
  assertEquals(await peer, "GET / HTTP/1.0\r\n\r\n");
  assertEquals(result.code, 0, result.stderr);
  assertEquals(result.stdout, "HTTP/1.0 200 OK\r\n\r\nyou sent 18 bytes\n");
});

Deno.test({
  name: "tp1 serve -k takes one client after another when they come in turn (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["-k"]);
  await server.closeStdin();
  for (const name of ["first", "second", "third"]) {
    using conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.write(utf8(`${name}\n`));
    await conn.closeWrite();
    // The server's stdin is empty: it half-closes at once, then closes when we are done.
    assertEquals((await withDeadline(readToEnd(conn), `the end of ${name}`)).length, 0);
    await server.waitForStderr(
      /done: received \d+ bytes, sent 0 bytes\n(?![\s\S]*connection from)/,
    );
  }
  assertEquals(server.stdout, "first\nsecond\nthird\n");
  server.kill();
});

Deno.test({
  name:
    "tp1 serve without -k refuses a second client when the first is connected (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port);
  using first = await Deno.connect({ hostname: "127.0.0.1", port });
  // Served, not just arrived: "connection from" is logged before the first client has
  // passed the gate, and a second one arriving meanwhile (the server descheduled just
  // after that line, under load) reaches the listener before it closes.
  await server.write("x");
  await withDeadline(first.read(new Uint8Array(1)), "the first client's first byte");
  let refused = false;
  try {
    (await Deno.connect({ hostname: "127.0.0.1", port })).close();
  } catch (error) {
    refused = error instanceof Deno.errors.ConnectionRefused;
  }
  assertEquals(refused, true, "a second client was accepted");
  await first.write(utf8("only\n"));
  await first.closeWrite();
  await server.closeStdin();
  await readToEnd(first);
  const { code, stdout } = await server.finished();
  assertEquals(code, 0);
  assertEquals(stdout, "only\n");
});

Deno.test({
  name:
    "tp1 connect exits 1 with a sentence when the server leaves before all input is sent (needs --allow-run)",
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const peer = (async () => {
    const conn = await listener.accept();
    await conn.read(new Uint8Array(1024));
    conn.close();
  })();
  await using client = spawnTp1(["connect", "127.0.0.1", String(listener.addr.port)]);
  // More than the socket buffers hold: the write fails once the server is gone.
  await client.write(randomBytes(1024 * 1024)).catch(() => undefined);
  await peer;
  await client.write(randomBytes(8 * 1024 * 1024)).catch(() => undefined);
  await client.closeStdin();
  const { code, stderr } = await client.finished();
  assertEquals(code, 1, stderr);
  assertEquals(
    stderr,
    "error: the peer closed the connection before all of standard input was sent\n",
  );
});

Deno.test({
  name:
    "tp1 connect [::1]:PORT and 127.0.0.1 both reach tp1 serve when it listens on every interface (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort("::");
  await using server = await startPipedServer(port, ["-k"], null);
  await server.closeStdin();
  for (const target of [`[::1]:${port}`, `127.0.0.1:${port}`]) {
    const { code, stderr } = await runTp1(["connect", target, "-v"], `via ${target}\n`);
    assertEquals(code, 0, stderr);
    assertIncludes(stderr, `connected to ${target}`);
  }
  await server.waitForStdout(`via 127.0.0.1:${port}\n`);
  assertEquals(server.stdout, `via [::1]:${port}\nvia 127.0.0.1:${port}\n`);
  assertMatch(server.stderr, new RegExp(`listening on \\[::\\]:${port}`));
  server.kill();
});

Deno.test({
  name:
    "tp1 serve lets a client go once it has finished sending when its piped stdin is open but silent (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  // Like `sleep 20 | tp1 serve`: stdin stays open and nothing is written to it.
  await using server = await startPipedServer(port);
  using conn = await Deno.connect({ hostname: "127.0.0.1", port });
  await conn.write(utf8("hi\n"));
  await conn.closeWrite();
  assertEquals((await withDeadline(readToEnd(conn), "the server to let the client go")).length, 0);
  const { code, stdout } = await server.finished();
  assertEquals(code, 0);
  assertEquals(stdout, "hi\n");
});

Deno.test({
  name:
    "tp1 serve -k moves on once a client has finished, and the rest of stdin goes to the next (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  await using server = await startPipedServer(port, ["-k"]);
  await server.write("one\n");
  const replies: string[] = [];
  for (const [name, next] of [["first", "two\n"], ["second", "three\n"]]) {
    using conn = await Deno.connect({ hostname: "127.0.0.1", port });
    const reading = readToEnd(conn);
    await conn.write(utf8(`${name}\n`));
    await conn.closeWrite();
    replies.push(text(await withDeadline(reading, `the end of ${name}`)));
    await server.write(next);
  }
  assertEquals(replies, ["one\n", "two\n"]);
  assertEquals(server.stdout, "first\nsecond\n");
  server.kill();
});

Deno.test({
  name:
    "tp1 serve < FILE sends the whole file to a client that finished sending first (needs --allow-run)",
  ignore,
}, async () => {
  const data = randomBytes(3 * 1024 * 1024);
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeFile(file, data);
    const port = freePort();
    await using server = new ChildProcess("bash", [
      "-c",
      'file=$1; shift; exec "$@" < "$file"',
      "bash",
      file,
      Deno.execPath(),
      "run",
      "--allow-all",
      MAIN_TS,
      "serve",
      "-p",
      String(port),
      "--host",
      "127.0.0.1",
      "-v",
    ], { cwd: REPO_ROOT });
    await server.waitForStderr(`listening on 127.0.0.1:${port}\n`);
    using conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.closeWrite();
    const got = await withDeadline(readToEnd(conn), "the whole file");
    assertEquals(await sha256Hex(got), await sha256Hex(data));
    assertEquals((await server.finished()).code, 0);
  } finally {
    await Deno.remove(file);
  }
});

for (const kind of ["pipe", "socket"]) {
  Deno.test({
    name:
      `tp1 serve writes every byte to a non-blocking stdout (${kind}) read slowly (needs --allow-run and python3)`,
    ignore: !hasCommand("python3"),
  }, async () => {
    const data = randomBytes(4 * 1024 * 1024);
    const port = freePort();
    await using server = new ChildProcess("python3", [
      fixturePath("nonblocking_stdout.py"),
      kind,
      Deno.execPath(),
      "run",
      "--allow-all",
      MAIN_TS,
      "serve",
      "-p",
      String(port),
      "--host",
      "127.0.0.1",
      "-v",
    ], { cwd: REPO_ROOT, stdin: "null" });
    await server.waitForStderr(`listening on 127.0.0.1:${port}\n`);
    using conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await writeAll(conn, data);
    await conn.closeWrite();
    await withDeadline(readToEnd(conn), "the server to finish", 20_000);
    const { code, stderr, stdoutBytes } = await server.finished(20_000);
    assertEquals(code, 0, stderr);
    assertEquals(stdoutBytes.length, data.length, stderr);
    assertEquals(await sha256Hex(stdoutBytes), await sha256Hex(data));
  });
}

Deno.test({
  name:
    "tp1 serve sends a stdin pipe that is still flowing to its end though the client finished first (needs --allow-run)",
  ignore,
}, async () => {
  const data = randomBytes(16 * 1024 * 1024);
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeFile(file, data);
    const port = freePort();
    // `cat big.iso | tp1 serve` and a client that sends nothing. A cat of its own, not this
    // busy test process, feeds the pipe: the server lets its client go once the pipe has
    // been silent for half a second, and the test process once paused that long (load ~11).
    await using server = new ChildProcess("bash", [
      "-c",
      'file=$1; shift; exec "$@" < <(cat "$file")',
      "bash",
      file,
      Deno.execPath(),
      "run",
      "--allow-all",
      MAIN_TS,
      "serve",
      "-p",
      String(port),
      "--host",
      "127.0.0.1",
      "-v",
    ], { cwd: REPO_ROOT });
    await server.waitForStderr(`listening on 127.0.0.1:${port}\n`);
    using conn = await Deno.connect({ hostname: "127.0.0.1", port });
    await conn.closeWrite();
    const got = await withDeadline(readToEnd(conn), "the whole stream", 20_000);
    assertEquals(got.length, data.length);
    assertEquals(await sha256Hex(got), await sha256Hex(data));
    assertEquals((await server.finished()).code, 0);
  } finally {
    await Deno.remove(file);
  }
});
