/**
 * Adapter: a UDP socket made with the C library's own calls (through Deno's FFI),
 * because neither of Deno's UDP APIs tells a client that nobody listens. Deno's
 * `node:dgram` emulates connect() in user space, so the kernel never learns the
 * peer and never reports the ICMP "port unreachable" (checked on 2.9.6);
 * `Deno.listenDatagram` has no connect() and needs --unstable-net. A real
 * connected socket gets ECONNREFUSED on its next receive, as in C or Python.
 *
 * Receiving waits in poll() on a worker thread (an FFI call marked nonblocking),
 * then takes every datagram already queued without waiting, many per call
 * (recvmmsg); a pipe wakes the poll when the socket is closed, so no thread is
 * left behind. Sending many at once is one call too (sendmmsg, `sendBatch`).
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";
import {
  EAGAIN,
  EINTR,
  errno,
  type Libc,
  libc,
  libcMissing,
  MSG_DONTWAIT,
  O_NONBLOCK,
  POLLIN,
} from "../io/libc.ts";
import { MessageBatch, SOL_UDP, UDP_GRO } from "../io/message_batch.ts";
import {
  AF_INET,
  AF_INET6,
  decodeSockaddr,
  encodeSockaddr,
  SOCKADDR_SIZE,
  type SocketEndpoint,
} from "./socket_address.ts";

/** The largest UDP payload over IPv4 (65,535 − 20 IP − 8 UDP header bytes). */
export const MAX_DATAGRAM_IPV4 = 65_507;
/** The largest UDP payload over IPv6 (65,535 − 8: the IPv6 header is not counted). */
export const MAX_DATAGRAM_IPV6 = 65_527;

/** Why a socket call failed, in the terms tp1 explains to the user. */
export type UdpErrorKind =
  | "port-unreachable"
  | "not-permitted"
  | "too-big"
  | "address-in-use"
  | "address-not-available"
  | "network-unreachable"
  | "other";

/** A failed socket call; `kind` says which, `errno` is the C library's number. */
export class UdpError extends Error {
  override name = "UdpError";
  constructor(readonly kind: UdpErrorKind, readonly errno: number, call: string) {
    super(`${call}: ${t().udp.errors[kind]} (errno ${errno})`);
  }
}

/** One datagram as received: its bytes whole, and who sent it. */
export interface Datagram {
  readonly bytes: Uint8Array;
  readonly from: SocketEndpoint;
}

/** How to make a socket. */
export interface UdpSocketOptions {
  /** IPv6 sockets reach IPv4 peers too (mapped addresses) unless this is false. */
  readonly dualStack?: boolean;
  /** Set SO_BROADCAST: without it the kernel refuses to send to a broadcast address. */
  readonly broadcast?: boolean;
  /** Ask for this receive buffer (the kernel caps it at net.core.rmem_max). */
  readonly receiveBuffer?: number;
}

const ERRNO: Record<number, UdpErrorKind> = {
  13: "not-permitted", // EACCES: a broadcast without SO_BROADCAST, a port below 1024
  90: "too-big", // EMSGSIZE
  98: "address-in-use", // EADDRINUSE
  99: "address-not-available", // EADDRNOTAVAIL
  101: "network-unreachable", // ENETUNREACH
  111: "port-unreachable", // ECONNREFUSED
  113: "network-unreachable", // EHOSTUNREACH
};

const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_BROADCAST = 6;
const SO_RCVBUF = 8;
const SO_RCVBUFFORCE = 33;
/** The socket's memory figures (struct of u32, SK_MEMINFO_*); the ninth counts drops. */
const SO_MEMINFO = 55;
const SK_MEMINFO_DROPS = 8;
const IPPROTO_IPV6 = 41;
const IPV6_V6ONLY = 26;
const EBADF = 9;
const EIO = 5;
const EINVAL = 22;
const EMSGSIZE = 90;
/** How long a flowing receiver pauses to let datagrams gather into one batch. */
const FLOW_PAUSE_MS = 1;
/** Room for the largest datagram either family can carry. */
const MAX_DATAGRAM = 65_536;
/**
 * Slots of the largest size for recvmmsg; each call's datagrams are moved down
 * to lie back to back after the previous ones, and the next call takes the
 * slots after them. 4 MiB of address space, of which only the pages written are used.
 */
const RECEIVE_SLOTS = 64;
/** At most this many datagrams are taken per wake-up, so output can keep pace. */
const BATCH = 512;

/** The C library, or a `UserError` saying what to do when FFI cannot be used. */
function loadLibc(): Libc {
  const c = libc();
  if (c) return c;
  const missing = libcMissing();
  throw new UserError(
    missing?.kind === "no-library" ? t().udp.needsLibc(missing.detail) : t().udp.needsFfi,
  );
}

function fail(c: Libc, call: string, code = errno(c)): never {
  throw new UdpError(ERRNO[code] ?? "other", code, call);
}

function intOption(value: number): Uint8Array {
  return new Uint8Array(new Int32Array([value]).buffer);
}

/** A UDP socket for one address family. Not for use after `close()`. */
export class UdpSocket {
  readonly #c: Libc;
  readonly #fd: number;
  readonly family: "IPv4" | "IPv6";
  readonly #wake: Int32Array;
  /** Made on the first receive: a socket that only sends needs none. */
  #slots: MessageBatch | undefined;
  /**
   * The two struct pollfd, read by poll() on a helper thread while this one runs:
   * made on an ArrayBuffer of its own, so the engine never moves it (small arrays
   * may otherwise live, and move, inside the garbage-collected heap).
   */
  readonly #pollFds = new Uint8Array(new ArrayBuffer(16));
  #closed = false;
  #polling: Promise<unknown> | undefined;
  #pendingError: UdpError | undefined;
  #lastTo: (SocketEndpoint & { sockaddr: Uint8Array }) | undefined;
  /** Runs of equal datagrams up to this size are sent as one segmented message (see sendBatch). */
  #segmentLimit = MAX_DATAGRAM;
  #droppedAtClose: number | undefined;
  /** Whether the last look found datagrams: more are probably coming. */
  #flowing = false;
  /** The last sender, reused while the same one sends (decoding an address costs more than a datagram). */
  #lastFrom: { bytes: Uint8Array; endpoint: SocketEndpoint } | undefined;

  private constructor(c: Libc, fd: number, family: "IPv4" | "IPv6", wake: Int32Array) {
    this.#c = c;
    this.#fd = fd;
    this.family = family;
    this.#wake = wake;
    const view = new DataView(this.#pollFds.buffer);
    view.setInt32(0, fd, true);
    view.setInt16(4, POLLIN, true);
    view.setInt32(8, wake[0], true);
    view.setInt16(12, POLLIN, true);
  }

  /** Opens a socket; throws `UserError` when FFI is not allowed, `UdpError` on failure. */
  static open(family: "IPv4" | "IPv6", options: UdpSocketOptions = {}): UdpSocket {
    const c = loadLibc();
    const fd = c.socket(family === "IPv4" ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail(c, "socket");
    const wake = new Int32Array(2);
    if (c.pipe2(new Uint8Array(wake.buffer), SOCK_CLOEXEC | O_NONBLOCK) < 0) {
      c.close(fd);
      fail(c, "pipe2");
    }
    const socket = new UdpSocket(c, fd, family, wake);
    try {
      // No SO_REUSEADDR: UDP leaves no TIME_WAIT behind, and with it on both, a second
      // server would bind the same port silently and take the datagrams of the first.
      if (family === "IPv6") {
        socket.#option(IPPROTO_IPV6, IPV6_V6ONLY, options.dualStack === false ? 1 : 0);
      }
      if (options.broadcast) socket.#option(SOL_SOCKET, SO_BROADCAST, 1);
      if (options.receiveBuffer) socket.#receiveBuffer(options.receiveBuffer);
      // Runs of datagrams may then arrive as one (cut apart again in #drain): one pass
      // through the network stack instead of one each. An older kernel just says no.
      socket.#optionIfKnown(SOL_UDP, UDP_GRO, 1);
    } catch (error) {
      socket.#release();
      throw error;
    }
    return socket;
  }

  /** The largest datagram this socket can send. */
  get maxDatagram(): number {
    return this.family === "IPv4" ? MAX_DATAGRAM_IPV4 : MAX_DATAGRAM_IPV6;
  }

  /** Binds to `address` (a literal, "::" or "0.0.0.0" for every interface) and `port` (0: any). */
  bind(address: string, port: number): void {
    const sa = this.#address(address, port);
    if (this.#c.bind(this.#fd, sa, sa.length) < 0) fail(this.#c, "bind");
  }

  /**
   * Connects to one peer: sends go there, only its datagrams are received, and
   * the kernel reports its ICMP errors (port unreachable) on the next receive.
   */
  connect(address: string, port: number): void {
    const sa = this.#address(address, port);
    if (this.#c.connect(this.#fd, sa, sa.length) < 0) fail(this.#c, "connect");
  }

  /** Sends one datagram to the connected peer. */
  send(bytes: Uint8Array): void {
    this.#open("send");
    for (;;) {
      if (Number(this.#c.send(this.#fd, bytes, BigInt(bytes.length), 0)) >= 0) return;
      if (errno(this.#c) !== EINTR) fail(this.#c, "send");
    }
  }

  /**
   * Sends slots `from` to `to` − 1 of `batch` (see message_batch.ts), each one
   * datagram, in as few calls as the kernel allows: to the connected peer, or
   * to `peer` when given.
   */
  sendBatch(batch: MessageBatch, from: number, to: number, peer?: SocketEndpoint): void {
    this.#open("sendmmsg");
    const name = peer ? this.#sockaddrOf(peer) : undefined;
    while (from < to) {
      const n = batch.send(this.#c, this.#fd, from, to, name, this.#segmentLimit, this.maxDatagram);
      if (n > 0) {
        from += n;
        continue;
      }
      if (-n === EINTR) continue;
      // A run refused as one message: datagrams this big do not fit the path unfragmented
      // (EMSGSIZE), the kernel takes no runs that long (EINVAL), or the device takes no
      // runs (EIO). Datagrams this big (or all) go one by one from now on.
      const size = batch.firstSegmented;
      if (size > 0 && (-n === EMSGSIZE || -n === EINVAL || -n === EIO)) {
        this.#segmentLimit = -n === EIO ? 0 : size - 1;
        continue;
      }
      fail(this.#c, "sendmmsg", -n);
    }
  }

  /** Sends one datagram to `to`. */
  sendTo(bytes: Uint8Array, to: SocketEndpoint): void {
    this.#open("sendto");
    const sa = this.#sockaddrOf(to);
    for (;;) {
      const sent = this.#c.sendto(this.#fd, bytes, BigInt(bytes.length), 0, sa, sa.length);
      if (Number(sent) >= 0) return;
      if (errno(this.#c) !== EINTR) fail(this.#c, "sendto");
    }
  }

  /** `to` encoded; encoding an address costs more than sending, so the last one is kept. */
  #sockaddrOf(to: SocketEndpoint): Uint8Array {
    if (this.#lastTo?.address !== to.address || this.#lastTo.port !== to.port) {
      this.#lastTo = { ...to, sockaddr: this.#address(to.address, to.port) };
    }
    return this.#lastTo.sockaddr;
  }

  /** Where the socket is bound (the port the kernel chose, after a send or bind to 0). */
  localEndpoint(): SocketEndpoint {
    const sa = new Uint8Array(SOCKADDR_SIZE);
    const length = new Uint32Array([SOCKADDR_SIZE]);
    if (this.#c.getsockname(this.#fd, sa, new Uint8Array(length.buffer)) < 0) {
      fail(this.#c, "getsockname");
    }
    return decodeSockaddr(sa);
  }

  /**
   * How many datagrams the kernel dropped for this socket because its receive
   * buffer was full (tp1 did not read fast enough), or undefined when the
   * kernel does not say (an old one). After `close()`, the figure at closing.
   */
  droppedByKernel(): number | undefined {
    if (this.#closed) return this.#droppedAtClose;
    const info = new Uint32Array(16);
    const length = new Uint32Array([info.byteLength]);
    const got = this.#c.getsockopt(
      this.#fd,
      SOL_SOCKET,
      SO_MEMINFO,
      new Uint8Array(info.buffer),
      new Uint8Array(length.buffer),
    );
    if (got < 0 || length[0] < (SK_MEMINFO_DROPS + 1) * 4) return undefined;
    return info[SK_MEMINFO_DROPS];
  }

  /**
   * Waits for datagrams and returns every one already queued (at least one);
   * a `UdpError` when the kernel reports one (port unreachable); null once closed.
   * The datagrams' bytes lie side by side in a buffer that the next call reuses:
   * use or copy them before calling again (no copy per datagram is made for you).
   */
  async receive(): Promise<Datagram[] | UdpError | null> {
    for (;;) {
      if (this.#closed) return null;
      const ready = this.#drain();
      if (ready.length > 0) {
        this.#flowing = true;
        return ready;
      }
      if (this.#pendingError) {
        const error = this.#pendingError;
        this.#pendingError = undefined;
        return error;
      }
      // While datagrams flow, a short pause gathers the next ones for one batch:
      // cheaper than waking a helper thread for each (the kernel keeps them meanwhile).
      if (this.#flowing) {
        this.#flowing = false;
        // A timer that holds the process open (unlike delay()): a receive under way must.
        await new Promise((resolve) => setTimeout(resolve, FLOW_PAUSE_MS));
        continue;
      }
      const poll = this.#c.poll_waiting(this.#pollFds, 2n, -1);
      this.#polling = poll;
      await poll;
      this.#polling = undefined;
      if (this.#closed) {
        this.#release();
        return null;
      }
    }
  }

  /** Closes the socket, waking a receive under way (which then returns null). */
  close(): void {
    if (this.#closed) return;
    this.#droppedAtClose = this.droppedByKernel();
    this.#closed = true;
    if (this.#polling) this.#c.write(this.#wake[1], new Uint8Array(1), 1n);
    else this.#release();
  }

  /** The datagrams queued now, without waiting; an error is kept for the next call. */
  #drain(): Datagram[] {
    const slots = this.#slots ??= new MessageBatch(RECEIVE_SLOTS, MAX_DATAGRAM, { control: true });
    const bytes = slots.bytes;
    const out: Datagram[] = [];
    // The datagrams taken so far lie in [0, at); the next call takes the slots after them.
    let at = 0;
    while (out.length < BATCH) {
      const first = Math.ceil(at / MAX_DATAGRAM);
      const room = Math.min(RECEIVE_SLOTS - first, BATCH - out.length);
      if (room <= 0) break;
      const n = slots.receive(this.#c, this.#fd, MSG_DONTWAIT, first, room);
      if (n < 0) {
        if (-n === EINTR) continue;
        if (-n !== EAGAIN) {
          this.#pendingError = new UdpError(ERRNO[-n] ?? "other", -n, "recv");
        }
        break;
      }
      for (let i = first; i < first + n; i++) {
        const length = slots.length(i);
        const start = i * MAX_DATAGRAM;
        // Moved down, never onto a slot not yet read: `at` is at most `start`.
        if (start !== at) bytes.copyWithin(at, start, start + length);
        const from = this.#sender(slots, i);
        // Several datagrams given as one (UDP_GRO) are cut apart again: each is its own.
        const size = slots.segmentSize(i);
        if (size === 0 || size >= length) {
          out.push({ bytes: bytes.subarray(at, at + length), from });
          at += length;
          continue;
        }
        for (const end = at + length; at < end; at += size) {
          out.push({ bytes: bytes.subarray(at, Math.min(at + size, end)), from });
        }
      }
      if (n < room) break;
    }
    return out;
  }

  #sender(slots: MessageBatch, i: number): SocketEndpoint {
    const last = this.#lastFrom;
    if (last && slots.sentBy(i, last.bytes)) return last.endpoint;
    const sockaddr = slots.sender(i).slice(0, SOCKADDR_SIZE);
    const endpoint = decodeSockaddr(sockaddr);
    this.#lastFrom = { bytes: sockaddr, endpoint };
    return endpoint;
  }

  /** Refuses to use a closed socket: its descriptor number may already name another file. */
  #open(call: string): void {
    if (this.#closed) throw new UdpError("other", EBADF, call);
  }

  #address(address: string, port: number): Uint8Array {
    return encodeSockaddr(address, port, this.family === "IPv4" ? AF_INET : AF_INET6);
  }

  /** Root may go past net.core.rmem_max (SO_RCVBUFFORCE); others get what the kernel allows. */
  #receiveBuffer(bytes: number): void {
    try {
      this.#option(SOL_SOCKET, SO_RCVBUFFORCE, bytes);
    } catch {
      this.#option(SOL_SOCKET, SO_RCVBUF, bytes);
    }
  }

  #optionIfKnown(level: number, name: number, value: number): void {
    this.#c.setsockopt(this.#fd, level, name, intOption(value), 4);
  }

  #option(level: number, name: number, value: number): void {
    if (this.#c.setsockopt(this.#fd, level, name, intOption(value), 4) < 0) {
      fail(this.#c, "setsockopt");
    }
  }

  #release(): void {
    this.#c.close(this.#fd);
    this.#c.close(this.#wake[0]);
    this.#c.close(this.#wake[1]);
  }
}
