/**
 * Adapter: many datagrams (or reads of a socket) in one system call, with
 * recvmmsg(2) and sendmmsg(2), instead of one call (and one FFI crossing)
 * each: at 100,000 datagrams a second the calls, not the bytes, are the cost.
 * A batch is a row of slots of one size; the C structures the kernel reads and
 * fills (one mmsghdr and one iovec per slot, the senders' addresses) are made
 * once, in memory of their own that never moves (the kernel is given its
 * addresses). Linux on 64-bit x86 and ARM only, as the rest of libc.ts.
 */
import { errno, type Libc } from "./libc.ts";

/** sizeof(struct mmsghdr): a 56-byte msghdr, the received length, padding. */
const MMSGHDR_BYTES = 64;
/** sizeof(struct iovec): a pointer and a length. */
const IOVEC_BYTES = 16;
/** Room for any socket address tp1 reads (sockaddr_in6 is 28 bytes). */
const NAME_BYTES = 32;
// Field offsets in struct mmsghdr (msghdr first).
const MSG_NAME = 0;
const MSG_NAMELEN = 8;
const MSG_IOV = 16;
const MSG_IOVLEN = 24;
const MSG_FLAGS = 48;
const MSG_LEN = 56;
/** msg_flags: the datagram was longer than its slot, and cut. */
const MSG_TRUNC = 0x20;

function address(buffer: ArrayBuffer, offset = 0): bigint {
  return BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer))) + BigInt(offset);
}

/** `count` slots of `slotBytes`, received into and sent from in one call each. */
export class MessageBatch {
  /** Every slot, side by side: slot `i` starts at `i * slotBytes`. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** The senders' addresses (sockaddr), `NAME_BYTES` apart, after `receive()`. */
  readonly #names: Uint8Array<ArrayBuffer>;
  readonly #headers: Uint8Array<ArrayBuffer>;
  readonly #header: DataView;
  readonly #iovecs: Uint8Array<ArrayBuffer>;
  readonly #iovec: DataView;
  /** Where datagrams are sent when the socket is not connected (a copy that never moves). */
  readonly #to = new Uint8Array(new ArrayBuffer(NAME_BYTES));
  /** Each slot's place for its sender's address (made once: BigInt sums allocate). */
  readonly #nameAt: bigint[] = [];
  readonly #toAt: bigint;

  constructor(readonly count: number, readonly slotBytes: number) {
    this.bytes = new Uint8Array(new ArrayBuffer(count * slotBytes));
    this.#names = new Uint8Array(new ArrayBuffer(count * NAME_BYTES));
    this.#headers = new Uint8Array(new ArrayBuffer(count * MMSGHDR_BYTES));
    this.#header = new DataView(this.#headers.buffer);
    this.#iovecs = new Uint8Array(new ArrayBuffer(count * IOVEC_BYTES));
    this.#iovec = new DataView(this.#iovecs.buffer);
    this.#toAt = address(this.#to.buffer);
    const slotsAt = address(this.bytes.buffer);
    const iovecsAt = address(this.#iovecs.buffer);
    for (let i = 0; i < count; i++) {
      this.#iovec.setBigUint64(i * IOVEC_BYTES, slotsAt + BigInt(i * slotBytes), true);
      this.#setIovecLength(i, slotBytes);
      const at = i * MMSGHDR_BYTES;
      this.#header.setBigUint64(at + MSG_IOV, iovecsAt + BigInt(i * IOVEC_BYTES), true);
      this.#header.setBigUint64(at + MSG_IOVLEN, 1n, true);
      this.#nameAt.push(address(this.#names.buffer, i * NAME_BYTES));
    }
  }

  /**
   * Takes up to `count` datagrams (or reads) from socket `fd` in one recvmmsg,
   * into slots `first` onwards, with `flags` (MSG_DONTWAIT: never waits): how
   * many (lengths in `length(i)`, senders in `sender(i)`), or −errno when the call failed.
   */
  receive(c: Libc, fd: number, flags: number, first = 0, count = this.count - first): number {
    for (let i = first; i < first + count; i++) {
      const at = i * MMSGHDR_BYTES;
      this.#setIovecLength(i, this.slotBytes);
      this.#header.setBigUint64(at + MSG_NAME, this.#nameAt[i], true);
      this.#header.setUint32(at + MSG_NAMELEN, NAME_BYTES, true);
    }
    const n = c.recvmmsg(fd, this.#headersFrom(first), count, flags, null);
    return n < 0 ? -errno(c) : n;
  }

  /** The length of slot `i`'s datagram, as received. */
  length(i: number): number {
    return this.#header.getUint32(i * MMSGHDR_BYTES + MSG_LEN, true);
  }

  /** Whether slot `i`'s datagram was longer than a slot (what did not fit is lost). */
  truncated(i: number): boolean {
    return (this.#header.getInt32(i * MMSGHDR_BYTES + MSG_FLAGS, true) & MSG_TRUNC) !== 0;
  }

  /** Slot `i`'s sender as the kernel wrote it (a sockaddr; valid until the next receive). */
  sender(i: number): Uint8Array {
    return this.#names.subarray(i * NAME_BYTES, i * NAME_BYTES + NAME_BYTES);
  }

  /** Whether slot `i` came from `sockaddr` (compared in place, without a copy). */
  sentBy(i: number, sockaddr: Uint8Array): boolean {
    const at = i * NAME_BYTES;
    const names = this.#names;
    for (let k = 0; k < sockaddr.length; k++) if (names[at + k] !== sockaddr[k]) return false;
    return true;
  }

  /** Sets slot `i`'s datagram length, for `send()` (a receive sets it too). */
  setLength(i: number, bytes: number): void {
    this.#header.setUint32(i * MMSGHDR_BYTES + MSG_LEN, bytes, true);
  }

  /**
   * Sends slots `from` to `to` − 1 (each `length(i)` bytes long) on socket `fd`
   * in one sendmmsg, to `name` (a sockaddr) or, without it, to the connected
   * peer: how many went, or −errno when none did.
   */
  send(c: Libc, fd: number, from: number, to: number, name?: Uint8Array): number {
    if (name) this.#to.set(name);
    for (let i = from; i < to; i++) {
      const at = i * MMSGHDR_BYTES;
      this.#setIovecLength(i, this.length(i));
      this.#header.setBigUint64(at + MSG_NAME, name ? this.#toAt : 0n, true);
      this.#header.setUint32(at + MSG_NAMELEN, name ? name.length : 0, true);
    }
    const n = c.sendmmsg(fd, this.#headersFrom(from), to - from, 0);
    return n < 0 ? -errno(c) : n;
  }

  #headersFrom(i: number): Uint8Array<ArrayBuffer> {
    return i === 0 ? this.#headers : this.#headers.subarray(i * MMSGHDR_BYTES);
  }

  #setIovecLength(i: number, bytes: number): void {
    // A little-endian 64-bit length: the low word, and a high word that stays zero.
    this.#iovec.setUint32(i * IOVEC_BYTES + 8, bytes, true);
    this.#iovec.setUint32(i * IOVEC_BYTES + 12, 0, true);
  }
}
