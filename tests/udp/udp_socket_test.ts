/** Tests for the libc UDP socket adapter and sockaddr encoding, over loopback. */
import { assertEquals } from "../_helpers/assert.ts";
import { UdpError, UdpSocket } from "../../src/udp/udp_socket.ts";
import { MessageBatch } from "../../src/io/message_batch.ts";
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
    const batch = new MessageBatch(sizes.length, 20_000);
    sizes.forEach((size, i) => {
      batch.bytes.fill(i, i * batch.slotBytes, i * batch.slotBytes + size);
      batch.setLength(i, size);
    });
    client.sendBatch(batch, 0, sizes.length);
    const got: Uint8Array[] = [];
    while (got.length < sizes.length) {
      const datagrams = await server.receive();
      if (!Array.isArray(datagrams)) throw new Error(`unexpected ${datagrams}`);
      got.push(...datagrams.map((d) => d.bytes.slice()));
      assertEquals(datagrams.every((d) => d.from === datagrams[0].from), true);
    }
    assertEquals(got, sizes.map((size, i) => new Uint8Array(size).fill(i)));
  } finally {
    server.close();
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
