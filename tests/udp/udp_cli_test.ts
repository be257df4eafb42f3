/**
 * `tp1 serve --udp` and `tp1 connect --udp` as a user runs them, piped: bytes
 * byte-exact (NUL, 0xFF, a 60,000-byte datagram whole), replies, port
 * unreachable, and the usage errors that say why an option does not fit.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { randomBytes } from "../_helpers/bytes.ts";
import { concat } from "../../src/io/concat.ts";
import dgram from "node:dgram";
import { ChildProcess } from "../_helpers/child_process.ts";
import { ENGLISH_LOCALE, FRENCH_LOCALE, MAIN_TS, runTp1, spawnTp1 } from "../_helpers/tp1.ts";
import { freeUdpPort, startUdpServer } from "./_udp_helpers.ts";

Deno.test("serve --udp writes each datagram's bytes unchanged; a 60,000-byte datagram arrives whole", async () => {
  const port = freeUdpPort();
  await using server = await startUdpServer(port);
  const binary = new Uint8Array([0, 0xff, 0x0a, 0x0d, 0x1b, 0x80]);
  const big = randomBytes(60_000);
  const file = await Deno.makeTempFile();
  try {
    const first = await runTp1(
      ["connect", "--udp", "--linger", "0.2", `127.0.0.1:${port}`],
      binary,
    );
    assertEquals(first.code, 0, first.stderr);
    // From a file, one read takes it all: one datagram of 60,000 bytes.
    await Deno.writeFile(file, big);
    await using client = new ChildProcess("sh", [
      "-c",
      `exec "$0" run --allow-all "$1" connect --udp -v --linger 0.2 127.0.0.1 ${port} < "$2"`,
      Deno.execPath(),
      MAIN_TS,
      file,
    ]);
    const second = await client.finished();
    assertEquals(second.code, 0, second.stderr);
    assertIncludes(second.stderr, "done: sent 1 datagram (60000 bytes)");
    server.kill("SIGINT");
    const done = await server.finished();
    assertEquals(done.code, 0);
    assertEquals(server.stdoutBytes, concat([binary, big]));
    assertIncludes(done.stderr, "received 2 datagrams (60006 bytes) from 2 peers");
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("serve --udp sends its stdin to the peer heard from last; connect --udp prints the reply", async () => {
  const port = freeUdpPort();
  await using server = await startUdpServer(port);
  // Written before any peer is known: it waits for the first datagram's sender.
  await server.write("pong\n");
  const client = await runTp1(["connect", "--udp", `127.0.0.1:${port}`], "ping\n");
  assertEquals(client.code, 0, client.stderr);
  assertEquals(client.stdout, "pong\n");
  await server.waitForStdout("ping\n");
});

Deno.test("connect --udp piped exits 1 saying nobody listens when the port is unreachable", async () => {
  const port = freeUdpPort();
  const { code, stderr } = await runTp1(["connect", "--udp", "127.0.0.1", String(port)], "hello\n");
  assertEquals(code, 1);
  assertEquals(
    stderr,
    `error: nobody is listening on UDP 127.0.0.1:${port} (its machine answered "port unreachable"); ` +
      "start the server there, or check the port\n",
  );
});

Deno.test("--udp refuses TCP-only options, and UDP-only options need --udp, saying why", async () => {
  const cases: [string[], RegExp][] = [
    [["serve", "--udp", "--tls"], /--tls does not go with --udp: TLS runs over a connection/],
    [["serve", "--udp", "--chat"], /--chat does not go with --udp: the chat room relays/],
    [
      ["serve", "--udp", "--password=x"],
      /--password does not go with --udp: a password is checked once/,
    ],
    [
      ["connect", "--udp", "--wait", "127.0.0.1"],
      /--wait does not go with --udp: UDP sends without/,
    ],
    // --record wrote no file at all with --udp, and said nothing.
    [["serve", "--udp", "--record", "r.md"], /--record does not go with --udp: a transcript/],
    [
      ["connect", "--udp", "127.0.0.1", "--record", "r.md"],
      /--record does not go with --udp: a transcript/,
    ],
    [["connect", "--broadcast", "127.0.0.1"], /--broadcast is for UDP: add --udp/],
    [["connect", "--linger", "2", "127.0.0.1"], /--linger is for UDP: add --udp/],
    [
      ["connect", "--udp", "127.255.255.255"],
      /127\.255\.255\.255 is a broadcast address .*add --broadcast/,
    ],
    [["connect", "--udp", "--broadcast", "::1"], /IPv6 has no broadcast/],
  ];
  for (const [args, message] of cases) {
    const { code, stderr } = await runTp1(args);
    assertEquals(code, 2, `${args.join(" ")}: ${stderr}`);
    assertMatch(stderr, message);
    assertMatch(stderr, /\nusage: tp1 (serve|connect) /);
  }
});

Deno.test("serve --udp drops a denied source's datagrams and says so once on stderr", async () => {
  const port = freeUdpPort();
  await using server = await startUdpServer(port, ["--deny", "127.0.0.0/8"]);
  for (const text of ["one\n", "two\n"]) {
    const client = await runTp1(["connect", "--udp", "--linger", "0.1", `127.0.0.1:${port}`], text);
    assertEquals(client.code, 0);
  }
  server.kill("SIGTERM");
  const done = await server.finished();
  assertEquals(server.stdout, "");
  assertEquals(
    done.stderr.match(
      /dropped a datagram from 127\.0\.0\.1:\d+ \(denied by --deny 127\.0\.0\.0\/8\)/g,
    )?.length,
    1,
  );
});

Deno.test("a second serve --udp on a taken port fails, naming the process that holds it", async () => {
  const port = freeUdpPort();
  await using first = await startUdpServer(port);
  const second = await runTp1(["serve", "--udp", "-p", String(port), "--host", "127.0.0.1"]);
  assertEquals(second.code, 1);
  assertMatch(
    second.stderr,
    new RegExp(
      `^error: UDP port ${port} is already in use: held by pid ${first.pid} \\(deno, user \\S+\\) — stop it with: kill ${first.pid}; or pick another port with -p\n$`,
    ),
  );
});

Deno.test("connect --udp over IPv6 splits input larger than a datagram into two, every byte kept", async () => {
  const port = freeUdpPort();
  await using server = spawnTp1(["serve", "--udp", "-v", "-p", String(port), "--host", "::1"]);
  await server.waitForStderr(`listening on UDP [::1]:${port}\n`);
  const big = randomBytes(100_000);
  const file = await Deno.makeTempFile();
  try {
    await Deno.writeFile(file, big);
    // One read of the file per datagram, at most 65,527 bytes over IPv6: 65,527 + 34,473.
    await using client = new ChildProcess("sh", [
      "-c",
      `exec "$0" run --allow-all "$1" connect --udp -v --linger 0.2 "[::1]:${port}" < "$2"`,
      Deno.execPath(),
      MAIN_TS,
      file,
    ]);
    const done = await client.finished();
    assertEquals(done.code, 0, done.stderr);
    assertIncludes(done.stderr, "done: sent 2 datagrams (100000 bytes)");
    await server.waitForStderr("first datagram from [::1]:");
    server.kill("SIGINT");
    const stopped = await server.finished();
    assertIncludes(stopped.stderr, "received 2 datagrams (100000 bytes)");
    assertEquals(server.stdoutBytes, big);
  } finally {
    await Deno.remove(file);
  }
});

Deno.test("connect --udp sends one datagram per read of a socket on stdin, many reads at a time, in order", async () => {
  const port = freeUdpPort();
  await using server = await startUdpServer(port);
  // A datagram source: each read of stdin is one message (several are waiting at once).
  const sizes = [3, 1000, 1, 20_000, ...Array.from({ length: 40 }, (_, i) => 500 + i)];
  const feed = decodeURIComponent(new URL("../fixtures/message_feed.py", import.meta.url).pathname);
  await using client = new ChildProcess("python3", [
    feed,
    sizes.join(","),
    "--",
    Deno.execPath(),
    "run",
    "--allow-all",
    MAIN_TS,
    "connect",
    "--udp",
    "-v",
    "--linger",
    "0.2",
    `127.0.0.1:${port}`,
  ]);
  const sent = await client.finished();
  assertEquals(sent.code, 0, sent.stderr);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  assertIncludes(sent.stderr, `done: sent ${sizes.length} datagrams (${total} bytes)`);
  await server.waitForStderr("first datagram from 127.0.0.1:");
  server.kill("SIGINT");
  const done = await server.finished();
  assertIncludes(done.stderr, `received ${sizes.length} datagrams (${total} bytes) from 1 peer`);
  assertEquals(server.stdoutBytes, concat(sizes.map((size, i) => new Uint8Array(size).fill(i))));
});

Deno.test("without FFI permission, connect --udp says what to allow and exits 1 (no prompt, no trace)", async () => {
  await using client = new ChildProcess(Deno.execPath(), [
    "run",
    "--allow-read",
    "--allow-env",
    "--allow-net",
    "--no-prompt",
    MAIN_TS,
    "connect",
    "--udp",
    "127.0.0.1",
    "9",
  ], { env: ENGLISH_LOCALE });
  await client.closeStdin();
  const done = await client.finished();
  assertEquals(done.code, 1);
  assertEquals(
    done.stderr,
    "error: UDP needs the C library's socket calls, which Deno allows only with --allow-all " +
      '(or --allow-ffi); run "deno run --allow-all main.ts …"\n',
  );
});

Deno.test("in French (LANG=fr_FR.UTF-8), a --udp usage error and piped port unreachable are French, same exit codes", async () => {
  const NBSP = "\u00a0";
  const usage = await runTp1(["serve", "--udp", "--tls"], "", FRENCH_LOCALE);
  assertEquals(usage.code, 2, usage.stderr);
  assertIncludes(
    usage.stderr.replaceAll(NBSP, " "),
    "--tls ne va pas avec --udp : TLS passe par une connexion, et UDP n'en a pas",
  );
  const port = freeUdpPort();
  const piped = await runTp1(["connect", "--udp", "127.0.0.1", String(port)], "bonjour\n", {
    ...FRENCH_LOCALE,
  });
  assertEquals(piped.code, 1);
  assertIncludes(
    piped.stderr.replaceAll(NBSP, " "),
    `personne n'écoute sur UDP 127.0.0.1:${port} (sa machine a répondu « port injoignable ») ; ` +
      "lancez-y le serveur, ou vérifiez le port\n",
  );
});

Deno.test("serve --udp -v names the first 100 senders of a flood, then says the rest are only counted", async () => {
  const port = freeUdpPort();
  await using server = await startUdpServer(port);
  const senders = 300;
  // Each its own source port, as from a flood of forged senders.
  const sockets = Array.from({ length: senders }, () => dgram.createSocket("udp4"));
  try {
    for (const socket of sockets) {
      await new Promise<void>((resolve, reject) =>
        socket.send("x", port, "127.0.0.1", (error) => error ? reject(error) : resolve())
      );
    }
  } finally {
    for (const socket of sockets) socket.close();
  }
  await server.waitForStdout("x".repeat(senders));
  server.kill("SIGINT");
  const done = await server.finished();
  assertIncludes(done.stderr, `from ${senders} peers`);
  assertEquals(done.stderr.match(/first datagram from /g)?.length, 100);
  assertIncludes(done.stderr, "100 senders named already: the next ones are counted");
});
