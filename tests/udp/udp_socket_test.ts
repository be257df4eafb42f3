/** Tests for the libc UDP socket adapter and sockaddr encoding, over loopback. */
import { assertEquals } from "../_helpers/assert.ts";
import { UdpError, UdpSocket } from "../../src/udp/udp_socket.ts";
import { MessageBatch } from "../../src/io/message_batch.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";

/** A batch holding one datagram per size given, datagram i filled with byte i. */
function batchOf(sizes: readonly number[]): MessageBatch {
  const batch = new MessageBatch(sizes.length, Math.max(1, ...sizes));
  sizes.forEach((size, i) => {
    batch.bytes.fill(i, i * batch.slotBytes, i * batch.slotBytes + size);
    batch.setLength(i, size);
  });
  return batch;
}

const expected = (sizes: readonly number[]) => sizes.map((size, i) => new Uint8Array(size).fill(i));
import { AF_INET, AF_INET6, decodeSockaddr, encodeSockaddr } from "../../src/udp/socket_address.ts";

Deno.test("encodeSockaddr() and decodeSockaddr() round-trip IPv4, IPv6 and mapped IPv4", () => {
  for (const [address, family] of [["127.0.0.1", AF_INET], ["::1", AF_INET6]] as const) {
    assertEquals(decodeSockaddr(encodeSockaddr(address, 7999, family)), { address, port: 7999 });
  }
  assertEquals(decodeSockaddr(encodeSockaddr("192.168.100.4", 1, AF_INET6)), {
    address: "192.168.100.4",
    port: 1,
  });
});

Deno.test("UdpSocket carries binary datagrams whole both ways between a dual-stack server and a client", async () => {
  const server = UdpSocket.open("IPv6");
  const client = UdpSocket.open("IPv4");
  try {
    server.bind("::", 0);
    client.connect("127.0.0.1", server.localEndpoint().port);
    const big = new Uint8Array(60_000).map((_, i) => i % 256);
    client.send(new Uint8Array([0, 0xff, 0x0a]));
    client.send(big);
    const got: Uint8Array[] = [];
    let from;
    while (got.length < 2) {
      const batch = await server.receive();
      if (!Array.isArray(batch)) throw new Error(`unexpected ${batch}`);
      // The bytes are valid until the next receive(): kept as copies.
      got.push(...batch.map((d) => d.bytes.slice()));
      from = batch[0].from;
    }
    assertEquals(got[0], new Uint8Array([0, 0xff, 0x0a]));
    assertEquals(got[1], big);
    assertEquals(from, client.localEndpoint());
    server.sendTo(new Uint8Array([1, 2, 3]), from!);
    const reply = await client.receive();
    assertEquals(Array.isArray(reply) && reply[0].bytes, new Uint8Array([1, 2, 3]));
  } finally {
    server.close();
    client.close();
  }
});

Deno.test("UdpSocket.sendBatch() sends each slot as one datagram; receive() returns more than one recvmmsg's worth whole, in order", async () => {
  const server = UdpSocket.open("IPv4");
  const client = UdpSocket.open("IPv4");
  try {
    server.bind("127.0.0.1", 0);
    client.connect("127.0.0.1", server.localEndpoint().port);
    // More than the 64 datagrams one recvmmsg takes, of every size (one large), each its own bytes.
    const sizes = Array.from({ length: 70 }, (_, i) => i === 30 ? 20_000 : (i * 37) % 300 + 1);
    const batch = batchOf(sizes);
    client.sendBatch(batch, 0, sizes.length);
    const got = await receiveAll(server, sizes.length);
    assertEquals(got, expected(sizes));
  } finally {
    server.close();
    client.close();
  }
});

// Runs of equal datagrams go as one segmented message (UDP_SEGMENT), and a UdpSocket may get
// them as one (UDP_GRO): each must still be its own datagram, bytes and boundaries kept.
const RUNS = [
  ...Array.from({ length: 100 }, () => 700),
  0,
  ...Array.from({ length: 10 }, () => 1000),
  999,
  ...Array.from({ length: 3 }, () => 65_507),
];

async function receiveAll(server: UdpSocket, count: number): Promise<Uint8Array[]> {
  const got: Uint8Array[] = [];
  while (got.length < count) {
    const datagrams = await withDeadline(
      server.receive(),
      `datagram ${got.length + 1} of ${count}`,
    );
    if (!Array.isArray(datagrams)) throw new Error(`unexpected ${datagrams}`);
    // The bytes are valid until the next receive(): kept as copies.
    got.push(...datagrams.map((d) => d.bytes.slice()));
    assertEquals(datagrams.every((d) => d.from === datagrams[0].from), true);
  }
  return got;
}

Deno.test("runs of equal datagrams sent in one sendBatch() arrive at a UdpSocket one by one, whole", async () => {
  const server = UdpSocket.open("IPv4", { receiveBuffer: 4 * 1024 * 1024 });
  const client = UdpSocket.open("IPv4");
  try {
    server.bind("127.0.0.1", 0);
    client.connect("127.0.0.1", server.localEndpoint().port);
    // In parts, so the receive buffer need not hold everything even when it cannot grow.
    const batch = batchOf(RUNS);
    for (let from = 0; from < RUNS.length; from += 50) {
      const to = Math.min(RUNS.length, from + 50);
      client.sendBatch(batch, from, to);
      assertEquals(await receiveAll(server, to - from), expected(RUNS).slice(from, to));
    }
  } finally {
    server.close();
    client.close();
  }
});

Deno.test("runs of equal datagrams sent in one sendBatch() reach a plain socket (Python's) one by one", async () => {
  const fixture = new URL("../fixtures/datagram_sizes.py", import.meta.url);
  await using receiver = new ChildProcess("python3", [
    decodeURIComponent(fixture.pathname),
    "0",
    String(RUNS.length - 3),
  ]);
  const port = Number((await receiver.waitForStdout(/port (\d+)\n/)).match(/port (\d+)/)![1]);
  const client = UdpSocket.open("IPv4");
  try {
    client.connect("127.0.0.1", port);
    // The largest ones are left out: Python's default receive buffer need not hold them.
    const sizes = RUNS.slice(0, -3);
    const batch = batchOf(sizes);
    const lines = () => receiver.stdout.split("\n").length - 2;
    for (let from = 0; from < sizes.length; from += 25) {
      const to = Math.min(sizes.length, from + 25);
      client.sendBatch(batch, from, to);
      await waitFor(() => lines() >= to, `${to} datagrams at the Python receiver`);
    }
    const { code } = await receiver.finished();
    assertEquals(code, 0);
    assertEquals(
      receiver.stdout.split("\n").slice(1, -1),
      sizes.map((size, i) => `${size} ${size === 0 ? -1 : i % 256}`),
    );
  } finally {
    client.close();
  }
});

Deno.test("UdpSocket.receive() reports port unreachable on a connected socket, and null once closed", async () => {
  const probe = UdpSocket.open("IPv4");
  probe.bind("127.0.0.1", 0);
  const { port } = probe.localEndpoint();
  probe.close();
  const client = UdpSocket.open("IPv4");
  try {
    client.connect("127.0.0.1", port);
    client.send(new Uint8Array([1]));
    const got = await client.receive();
    assertEquals(got instanceof UdpError && got.kind, "port-unreachable");
    const waiting = client.receive();
    client.close();
    assertEquals(await waiting, null);
  } finally {
    client.close();
  }
});

Deno.test("UdpSocket.connect() to a broadcast address is refused without SO_BROADCAST", () => {
  const socket = UdpSocket.open("IPv4");
  try {
    socket.connect("127.255.255.255", 9);
    throw new Error("connected");
  } catch (error) {
    assertEquals(error instanceof UdpError && error.kind, "not-permitted");
  } finally {
    socket.close();
  }
});
