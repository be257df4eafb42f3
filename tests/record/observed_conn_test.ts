/** observeConn(): who sent the first FIN, and the bytes each way, on real loopback sockets. */
import { assertEquals } from "../_helpers/assert.ts";
import { closeQuietly } from "../../src/io/close_quietly.ts";
import {
  type ConnStory,
  observeAdmitted,
  observeConn,
  observeListener,
} from "../../src/record/observed_conn.ts";
import { peekFirstBytes } from "../../src/io/peeked_conn.ts";

async function pair() {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const stories: ConnStory[] = [];
  const accepted: Deno.TcpConn[] = [];
  const observed = observeListener(listener, (c) => accepted.push(c));
  const [server, client] = await Promise.all([
    observed.accept().then((c) => observeConn(c, (s) => stories.push(s))),
    Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port }),
  ]);
  listener.close();
  return { server, client, stories, accepted };
}

Deno.test("observeConn() reports the peer closed first when its FIN arrived before we closed", async () => {
  const { server, client, stories, accepted } = await pair();
  assertEquals(accepted.length, 1);
  await client.write(new TextEncoder().encode("hello\n"));
  await client.closeWrite();
  const buffer = new Uint8Array(100);
  assertEquals(await server.read(buffer), 6);
  assertEquals(await server.read(buffer), null);
  await server.write(new TextEncoder().encode("bye\n"));
  server.close();
  client.close();
  assertEquals(stories.length, 1);
  const { first, sent, received, reset } = stories[0];
  assertEquals({ first, sent, received, reset }, {
    first: "peer",
    sent: 4,
    received: 6,
    reset: false,
  });
});

Deno.test("observeConn() reports this side closed first, through readable and writable too", async () => {
  const { server, client } = await pair();
  const stories: ConnStory[] = [];
  const observed = observeConn(client, (s) => stories.push(s));
  const writer = observed.writable.getWriter();
  await writer.write(new TextEncoder().encode("abc"));
  await writer.close(); // closeWrite: our FIN
  const buffer = new Uint8Array(10);
  assertEquals(await server.read(buffer), 3);
  assertEquals(await server.read(buffer), null);
  await server.write(new TextEncoder().encode("xy"));
  server.close();
  const chunks: number[] = [];
  for await (const chunk of observed.readable) chunks.push(chunk.length);
  // The end of the readable closes the connection, as Deno's own does.
  assertEquals(stories.length, 1);
  const { first, sent, received } = stories[0];
  assertEquals({ first, sent, received }, { first: "local", sent: 3, received: 2 });
  closeQuietly(observed); // a second close reports nothing more
  assertEquals(stories.length, 1);
});

Deno.test("observeAdmitted() observes what the gate admits, and nothing it refuses", async () => {
  const { server, client } = await pair();
  const stories: ConnStory[] = [];
  let refuse = false;
  const gate = observeAdmitted({
    admit: (tcp: Deno.TcpConn) => Promise.resolve(refuse ? undefined : tcp),
  }, (s) => stories.push(s));
  const admitted = (await gate.admit(server))!;
  refuse = true;
  assertEquals(await gate.admit(client), undefined);
  await admitted.write(new Uint8Array(5));
  admitted.close();
  client.close();
  assertEquals(stories.map((s) => [s.sent, s.first]), [[5, "local"]]);
});

Deno.test("observeConn() counts the bytes of a pending first read taken over (the chat server's first line)", async () => {
  const { server, client, stories } = await pair();
  // The gate peeks the first read; the server then takes that read over, and the summary must count it.
  const peeked = await peekFirstBytes(client, 0);
  const observed = observeConn(peeked.conn, (s) => stories.push(s)) as Deno.TcpConn & {
    takePending?(): Promise<Uint8Array | null> | undefined;
  };
  await server.write(new TextEncoder().encode("bonjour\n"));
  const first = await observed.takePending?.();
  assertEquals(first?.length, 8);
  server.close();
  assertEquals(await observed.read(new Uint8Array(10)), null);
  observed.close();
  const { received, first: closer } = stories.at(-1)!;
  assertEquals({ received, closer }, { received: 8, closer: "peer" });
});
