import net from "node:net";
import { delay } from "../../src/io/delay.ts";
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { utf8 } from "../_helpers/bytes.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { ChatClient, TestServer } from "../_helpers/chat_client.ts";

Deno.test("runServerSession() in chat mode relays each client's lines to the others and the operator", async () => {
  await using server = new TestServer();
  await using alice = await server.join();
  await using bob = await server.join();
  await using carol = await server.join();
  await alice.write("/nick alice\n");
  await alice.waitForLine("* you are now known as alice");
  await alice.write("salut, ça va ? 👋\n");
  await bob.waitForLine("<alice> salut, ça va ? 👋");
  await carol.waitForLine("<alice> salut, ça va ? 👋");
  await server.console.waitForShown("<alice> salut, ça va ? 👋");
  await bob.write("très bien\n");
  await alice.waitForLine("<user2> très bien");
  assertEquals(
    alice.lines.filter((line) => line.startsWith("<alice>")),
    [],
    "no echo to the sender",
  );
  assertEquals(carol.lines.filter((line) => line.startsWith("<")), [
    "<alice> salut, ça va ? 👋",
    "<user2> très bien",
  ]);
});

Deno.test("runServerSession() relays a line split across writes, even inside characters, once and whole", async () => {
  // A long idle flush so scheduling delays on a busy machine cannot split the line.
  await using server = new TestServer({ idleFlushMs: 400 });
  await using sender = await server.join();
  await using reader = await server.join();
  const bytes = utf8("Hélène dit: crème brûlée 🍮 ok\n");
  for (const cut of [1, 2, 3, 8, 9, 29, 30, 31, bytes.length]) {
    const start = [1, 2, 3, 8, 9, 29, 30, 31, bytes.length].indexOf(cut);
    const from = start === 0 ? 0 : [1, 2, 3, 8, 9, 29, 30, 31][start - 1];
    await sender.write(bytes.subarray(from, cut));
    await delay(3);
  }
  await reader.waitForLine("<user1> Hélène dit: crème brûlée 🍮 ok");
  assertEquals(reader.lines.filter((line) => line.startsWith("<user1>")).length, 1);
});

Deno.test("runServerSession() relays text sent without a newline after a short pause, with one prefix", async () => {
  await using server = new TestServer({ idleFlushMs: 100 });
  await using sender = await server.join();
  await using reader = await server.join();
  // Like the lab's client.py: no newline, then waiting for an answer.
  await sender.write("bonjour ");
  await delay(10);
  await sender.write("le serveur");
  await reader.waitForLine("<user1> bonjour le serveur");
  await sender.write("\nsuite\n");
  await reader.waitForLine("<user1> suite");
  assertEquals(reader.lines.filter((line) => line.startsWith("<user1>")), [
    "<user1> bonjour le serveur",
    "<user1> suite",
  ]);
});

Deno.test("runServerSession() announces joins and leaves, with the reason", async () => {
  await using server = new TestServer();
  await using watcher = await server.join();
  const leaver = await server.join();
  await watcher.waitForLine("* user2 joined from 127.0.0.1");
  leaver.close();
  await watcher.waitForLine("* user2 left");
  // A client that vanishes abruptly (killed, cable pulled) resets the connection.
  const rude = net.connect(server.port, "127.0.0.1");
  await watcher.waitForLine("* user3 joined from 127.0.0.1");
  rude.resetAndDestroy();
  await watcher.waitForLine("* user3 left (connection reset)");
});

Deno.test("runServerSession() refuses a client beyond --max-clients with one line, then closes", async () => {
  await using server = new TestServer({ maxClients: 2 });
  await using first = await server.join();
  await using second = await server.join();
  await using third = await ChatClient.connect(server.port);
  assertEquals(await third.waitForEnd(), "eof");
  assertEquals(third.lines, [
    "* sorry, the server is full: 2 clients are connected, the most it accepts; try again later",
  ]);
  await server.console.waitForShown(/^\* refused 127\.0\.0\.1:\d+: the server is full/);
  assertEquals(second.lines.some((line) => line.includes("user3")), false);
  first.close();
  await second.waitForLine("* user1 left");
  await using fourth = await server.join();
  assertIncludes(fourth.lines.join("\n"), "here already: user2");
});

// The two ways a client that stops reading is evicted, each tested where the other cannot act:
// the stall timeout (a sender waits for it, and it accepts nothing for a second) and the
// queue bound (lines nobody waits for, like the operator's, pile up to maxQueuedBytes).

Deno.test("runServerSession() disconnects a client that stops reading, by the stall timeout while a sender waits; the others get every line in order", async () => {
  // The queue bound is out of reach here: each read waits (relieve) while the stuck client's
  // queue is above half the bound, so no send ever finds the queue full; only the stall
  // timeout can end the wait. A long idle flush: this busy test process must not cut a line.
  await using server = new TestServer({ maxQueuedBytes: 64 * 1024, idleFlushMs: 5000 });
  await using sender = await server.join();
  await using healthy = await server.join();
  // Closed first when the test ends, pass or fail, so a failing room can still stop.
  using _stuck = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
  await healthy.waitForLine("* user3 joined from 127.0.0.1");
  const filler = "x".repeat(1000);
  let sent = 0;
  // Socket buffers hide a stuck reader for a while: send until the server notices.
  while (!server.console.shown.some((line) => line.includes("not reading fast enough"))) {
    if (sent >= 100_000) throw new Error("the stuck client was never disconnected");
    let batch = "";
    for (let i = 0; i < 100; i++) batch += `${sent++} ${filler}\n`;
    // Without the stall timeout the room stops reading the sender for good: fail, not hang.
    await withDeadline(sender.write(batch), "the room to read the sender again");
    await delay(1);
  }
  await sender.write("END\n");
  await healthy.waitForLine("<user1> END", 20_000);
  const received = healthy.lines.filter((line) => line.startsWith("<user1>"));
  assertEquals(received.length, sent + 1);
  for (let i = 0; i < sent; i++) {
    if (received[i] !== `<user1> ${i} ${filler}`) {
      throw new Error(`line ${i} is ${JSON.stringify(received[i]?.slice(0, 40))}`);
    }
  }
  await healthy.waitForLine("* user3 was disconnected (not reading fast enough)");
});

Deno.test("runServerSession() disconnects a client that stops reading, by its queue bound, when no sender waits for it", async () => {
  // Only the operator speaks: no client's read waits for the stuck one (relieve is never
  // called), so the stall timeout cannot act; only the bound on its queue can.
  await using server = new TestServer({ maxQueuedBytes: 64 * 1024 }, { mode: "lab" });
  await using healthy = await ChatClient.connect(server.port);
  // Closed first when the test ends, pass or fail, so a failing room can still stop.
  using _stuck = await Deno.connect({ hostname: "127.0.0.1", port: server.port });
  await server.console.waitForShown(/2 clients connected/);
  const filler = "y".repeat(1000);
  let typed = 0;
  // Socket buffers hide a stuck reader for a while: type until the server notices.
  while (!server.console.shown.some((line) => line.includes("not reading fast enough"))) {
    if (typed >= 30_000) throw new Error("the stuck client was never disconnected");
    for (let i = 0; i < 20; i++) server.console.type(`${typed++} ${filler}`);
    await delay(1);
  }
  server.console.type("END");
  await healthy.waitForLine(/END$/, 20_000);
  const received = healthy.lines.filter((line) => line.endsWith(filler));
  assertEquals(received.length, typed, "the client that reads got every line");
  await server.console.waitForShown(/was disconnected \(not reading fast enough\)/);
});

Deno.test("runServerSession() kicks a client on the operator's /kick and tells everyone", async () => {
  await using server = new TestServer();
  await using stays = await server.join();
  await using troll = await server.join();
  server.console.type("/kick user2 flooding");
  assertEquals(await troll.waitForEnd(), "eof");
  assertEquals(troll.lines.at(-1), "* you were kicked by the server's operator: flooding");
  await stays.waitForLine("* user2 was kicked (flooding)");
  await server.console.waitForShown("* user2 was kicked (flooding) — 1 client connected");
});

Deno.test("runServerSession() ends a client's connection cleanly on /quit", async () => {
  await using server = new TestServer();
  await using client = await server.join();
  await client.write("/quit\n");
  assertEquals(await client.waitForEnd(), "eof");
  assertEquals(client.lines.at(-1), "* bye, user1");
  await server.console.waitForShown("* user1 left (/quit) — 0 clients connected");
});

Deno.test("runServerSession() cuts a line longer than --max-line and tells its sender", async () => {
  await using server = new TestServer({ maxLineBytes: 100 });
  await using sender = await server.join();
  await using reader = await server.join();
  await sender.write("a".repeat(5000) + "\nshort\n");
  await reader.waitForLine("<user1> short");
  assertEquals(reader.lines.filter((line) => line.startsWith("<user1>")), [
    `<user1> ${"a".repeat(100)}`,
    "<user1> short",
  ]);
  await sender.waitForLine(/^\* your line was longer than 100 bytes/);
});

Deno.test("runServerSession() survives binary junk and invalid UTF-8 from a client", async () => {
  await using server = new TestServer();
  await using sender = await server.join();
  await using reader = await server.join();
  await sender.write(Uint8Array.of(0xff, 0xfe, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0xc3, 0x0a));
  await reader.waitForLine("<user1> \ufffd\ufffd\\0\\e[2J\ufffd");
  await sender.write("still here\n");
  await reader.waitForLine("<user1> still here");
});

Deno.test("runServerSession() says goodbye and closes every connection when the operator stops", async () => {
  const server = new TestServer();
  const a = await server.join();
  const b = await server.join();
  const stopped = server.stop();
  for (const client of [a, b]) {
    assertEquals(await client.waitForEnd(), "eof");
    assertEquals(client.lines.at(-1), "* the server is stopping: goodbye");
    // Like nc or tp1 connect at end of stream (else the server waits a second for it).
    client.close();
  }
  assertEquals(await stopped, 0);
  assertEquals(server.console.closed, true);
});

Deno.test("runServerSession() in lab mode sends the operator's /to to one client only", async () => {
  await using server = new TestServer({}, { mode: "lab" });
  await using a = await ChatClient.connect(server.port);
  await using b = await ChatClient.connect(server.port);
  await server.console.waitForShown(/connected as user2/);
  server.console.type("/to user2 just for you");
  server.console.type("for everyone");
  await b.waitForLine("for everyone");
  await a.waitForLine("for everyone");
  assertEquals(a.lines, ["for everyone"]);
  assertEquals(b.lines, ["just for you", "for everyone"]);
  await a.write("hello from a\n");
  await server.console.waitForShown(/^user1 \(127\.0\.0\.1:\d+\): hello from a$/);
  server.console.type("/who");
  const who = await server.console.waitForShown(/^\* 2 clients connected:$/);
  assertMatch(who, /2 clients/);
});

Deno.test("runServerSession() keeps serving when a client resets in the middle of a line", async () => {
  await using server = new TestServer();
  await using watcher = await server.join();
  for (let i = 0; i < 20; i++) {
    const raw = net.connect(server.port, "127.0.0.1");
    await new Promise((resolve) => raw.once("connect", resolve));
    await new Promise((resolve) => raw.write("half a li", resolve));
    // Reset once it is in the room, its half line read: "connect" only means the kernel
    // queued it, and one reset before the server's accept() never reaches the server
    // (accept fails with NotConnected), so it is neither joined nor gone, and not counted.
    await watcher.waitForLine(`* user${i + 2} joined from 127.0.0.1`);
    raw.resetAndDestroy();
  }
  await waitFor(() =>
    !server.console.shown.join("\n").includes("internal error") &&
    server.console.shown.filter((l) => l.includes("left")).length === 20, "20 departures");
  await watcher.write("/who\n");
  await watcher.waitForLine("* 1 client connected:");
});
