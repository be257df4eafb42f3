/**
 * Adapter: many datagrams (or reads of a socket) in one system call, with
 * recvmmsg(2) and sendmmsg(2), instead of one call (and one FFI crossing)
 * each: at 100,000 datagrams a second the calls, not the bytes, are the cost.
 * A batch is a row of slots of one size; the C structures the kernel reads and
 * fills (one mmsghdr and one iovec per slot, the senders' addresses, room for
 * control messages) are made once, in memory of their own that never moves
 * (the kernel is given its addresses). Linux on 64-bit x86 and ARM only, as
 * the rest of libc.ts.
 *
 * Sending can also hand the kernel a run of equal-sized datagrams as one
 * message (UDP generic segmentation offload, UDP_SEGMENT): it goes through
 * the network stack once and is cut into the same datagrams at the end, each
 * one slot's bytes, so the receiver sees exactly what one send each would have
 * sent. A receiver that asked for UDP_GRO may be given such a run whole, with
 * the datagrams' size (`segmentSize()`).
 */
import { errno, type Libc } from "./libc.ts";

/** sizeof(struct mmsghdr): a 56-byte msghdr, the received length, padding. */
const MMSGHDR_BYTES = 64;
/** sizeof(struct iovec): a pointer and a length. */
const IOVEC_BYTES = 16;
/** Room for any socket address tp1 reads (sockaddr_in6 is 28 bytes). */
const NAME_BYTES = 32;
/** Room for one control message of one int (CMSG_SPACE(4)), per slot. */
const CONTROL_BYTES = 24;
// Field offsets in struct mmsghdr (msghdr first).
const MSG_NAME = 0;
const MSG_NAMELEN = 8;
const MSG_IOV = 16;
const MSG_IOVLEN = 24;
const MSG_CONTROL = 32;
const MSG_CONTROLLEN = 40;
const MSG_LEN = 56;
// struct cmsghdr: a 64-bit length, the level, the type, then the data.
const CMSG_LEVEL = 8;
const CMSG_TYPE = 12;
const CMSG_DATA = 16;
/** CMSG_LEN(2): the header and UDP_SEGMENT's 16-bit size. */
const SEGMENT_CMSG_LEN = 18;
/** The socket level of UDP's own options. */
export const SOL_UDP = 17;
/** The control message (and socket option) of UDP segmentation offload. */
export const UDP_SEGMENT = 103;
/** The socket option (and control message) of UDP receive coalescing. */
export const UDP_GRO = 104;
/** The most datagrams one segmented send may carry (the kernel's UDP_MAX_SEGMENTS is 64 or more). */
const MAX_SEGMENTS = 64;

function address(buffer: ArrayBuffer, offset = 0): bigint {
  return BigInt(Deno.UnsafePointer.value(Deno.UnsafePointer.of(buffer))) + BigInt(offset);
}

/** How a batch is made. */
export interface MessageBatchOptions {
  /**
   * Receive control messages (UDP_GRO's size): only for a UDP socket; without
   * it, whatever comes with a read (such as descriptors passed on a socket
   * stdin) is dropped by the kernel.
   */
  readonly control?: boolean;
}

/** `count` slots of `slotBytes`, received into and sent from in one call each. */
export class MessageBatch {
  /** Every slot, side by side: slot `i` starts at `i * slotBytes`. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** Each slot's datagram length. */
  readonly #lengths: Uint32Array;
  /** The senders' addresses (sockaddr), `NAME_BYTES` apart, after `receive()`. */
  readonly #names: Uint8Array<ArrayBuffer>;
  readonly #controls: Uint8Array<ArrayBuffer>;
  readonly #control: DataView;
  readonly #headers: Uint8Array<ArrayBuffer>;
  readonly #header: DataView;
  readonly #iovecs: Uint8Array<ArrayBuffer>;
  readonly #iovec: DataView;
  /** Where datagrams are sent when the socket is not connected (a copy that never moves). */
  readonly #to = new Uint8Array(new ArrayBuffer(NAME_BYTES));
  readonly #toAt: bigint;
  // Each slot's iovec, address room and control room (made once: BigInt sums allocate).
  readonly #iovecAt: bigint[] = [];
  readonly #nameAt: bigint[] = [];
  readonly #controlAt: bigint[] = [];
  readonly #receivesControl: boolean;
  /** After a send, how many slots each message carried (its last slot + 1). */
  readonly #messageEnd: Uint32Array;
  /** Slots from `#staleFrom` to `#staleTo` − 1 are not laid out for receiving any more. */
  #staleFrom: number;
  #staleTo: number;
  #firstSegmented = 0;

  constructor(
    readonly count: number,
    readonly slotBytes: number,
    options: MessageBatchOptions = {},
  ) {
    this.bytes = new Uint8Array(new ArrayBuffer(count * slotBytes));
    this.#lengths = new Uint32Array(count);
    this.#names = new Uint8Array(new ArrayBuffer(count * NAME_BYTES));
    this.#controls = new Uint8Array(new ArrayBuffer(count * CONTROL_BYTES));
    this.#control = new DataView(this.#controls.buffer);
    this.#headers = new Uint8Array(new ArrayBuffer(count * MMSGHDR_BYTES));
    this.#header = new DataView(this.#headers.buffer);
    this.#iovecs = new Uint8Array(new ArrayBuffer(count * IOVEC_BYTES));
    this.#iovec = new DataView(this.#iovecs.buffer);
    this.#messageEnd = new Uint32Array(count);
    this.#toAt = address(this.#to.buffer);
    this.#receivesControl = options.control ?? false;
    const slotsAt = address(this.bytes.buffer);
    for (let i = 0; i < count; i++) {
      this.#iovec.setBigUint64(i * IOVEC_BYTES, slotsAt + BigInt(i * slotBytes), true);
      this.#iovecAt.push(address(this.#iovecs.buffer, i * IOVEC_BYTES));
      this.#nameAt.push(address(this.#names.buffer, i * NAME_BYTES));
      this.#controlAt.push(address(this.#controls.buffer, i * CONTROL_BYTES));
    }
    this.#staleFrom = 0;
    this.#staleTo = count;
  }

  /**
   * Takes up to `count` datagrams (or reads) from socket `fd` in one recvmmsg,
   * into slots `first` onwards, with `flags` (MSG_DONTWAIT: never waits): how
   * many (lengths in `length(i)`, senders in `sender(i)`), or −errno when the call failed.
   */
  receive(c: Libc, fd: number, flags: number, first = 0, count = this.count - first): number {
    this.#layOutForReceiving();
    const n = c.recvmmsg(fd, this.#headersFrom(first), count, flags, null);
    if (n < 0) return -errno(c);
    for (let i = first; i < first + n; i++) {
      this.#lengths[i] = this.#header.getUint32(i * MMSGHDR_BYTES + MSG_LEN, true);
    }
    // The kernel wrote the lengths of the addresses and control messages it gave.
    this.#markStale(first, first + n);
    return n;
  }

  /** The length of slot `i`'s datagram, as received or set. */
  length(i: number): number {
    return this.#lengths[i];
  }

  /** Sets slot `i`'s datagram length, for `send()` (a receive sets it too). */
  setLength(i: number, bytes: number): void {
    this.#lengths[i] = bytes;
  }

  /**
   * The size of the datagrams slot `i` holds when the kernel gave several as one
   * (UDP_GRO; the last may be shorter), else 0.
   */
  segmentSize(i: number): number {
    if (!this.#receivesControl) return 0;
    // A 64-bit length, small: its low word.
    const length = this.#header.getUint32(i * MMSGHDR_BYTES + MSG_CONTROLLEN, true);
    const at = i * CONTROL_BYTES;
    if (length < CMSG_DATA + 2) return 0;
    if (this.#control.getInt32(at + CMSG_LEVEL, true) !== SOL_UDP) return 0;
    if (this.#control.getInt32(at + CMSG_TYPE, true) !== UDP_GRO) return 0;
    // The kernel gives an int; read as 16 bits whatever its width (sizes are below 65,536).
    return this.#control.getUint16(at + CMSG_DATA, true);
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

  /**
   * Sends slots `from` to `to` − 1 (each `length(i)` bytes, one datagram) on
   * socket `fd` in one sendmmsg, to `name` (a sockaddr) or, without it, to the
   * connected peer. With `segmentLimit`, runs of equal-sized slots of at most
   * that size, together at most `maxRun` bytes, go as one segmented message each
   * (UDP_SEGMENT). How many slots went, or −errno when none did.
   */
  send(
    c: Libc,
    fd: number,
    from: number,
    to: number,
    name?: Uint8Array,
    segmentLimit = 0,
    maxRun = 0,
  ): number {
    if (name) this.#to.set(name);
    this.#markStale(from, to);
    let message = from;
    for (let i = from; i < to;) {
      const size = this.#lengths[i];
      let end = i + 1;
      if (size > 0 && size <= segmentLimit) {
        const most = Math.min(to, i + MAX_SEGMENTS, i + Math.floor(maxRun / size));
        while (end < most && this.#lengths[end] === size) end++;
      }
      for (let k = i; k < end; k++) this.#setIovecLength(k, this.#lengths[k]);
      const at = message * MMSGHDR_BYTES;
      const header = this.#header;
      header.setBigUint64(at + MSG_NAME, name ? this.#toAt : 0n, true);
      header.setUint32(at + MSG_NAMELEN, name ? name.length : 0, true);
      header.setBigUint64(at + MSG_IOV, this.#iovecAt[i], true);
      header.setUint32(at + MSG_IOVLEN, end - i, true);
      if (end - i > 1) {
        const cmsg = message * CONTROL_BYTES;
        this.#control.setUint32(cmsg, SEGMENT_CMSG_LEN, true);
        this.#control.setUint32(cmsg + 4, 0, true);
        this.#control.setInt32(cmsg + CMSG_LEVEL, SOL_UDP, true);
        this.#control.setInt32(cmsg + CMSG_TYPE, UDP_SEGMENT, true);
        this.#control.setUint16(cmsg + CMSG_DATA, size, true);
        header.setBigUint64(at + MSG_CONTROL, this.#controlAt[message], true);
        header.setUint32(at + MSG_CONTROLLEN, CONTROL_BYTES, true);
      } else {
        header.setBigUint64(at + MSG_CONTROL, 0n, true);
        header.setUint32(at + MSG_CONTROLLEN, 0, true);
      }
      this.#messageEnd[message] = end;
      message++;
      i = end;
    }
    this.#firstSegmented = this.#messageEnd[from] - from > 1 ? this.#lengths[from] : 0;
    const n = c.sendmmsg(fd, this.#headersFrom(from), message - from, 0);
    if (n < 0) return -errno(c);
    return n === 0 ? 0 : this.#messageEnd[from + n - 1] - from;
  }

  /**
   * The datagram size of the last `send()`'s first message when it was segmented,
   * else 0: when that send failed, whether segmenting may be why.
   */
  get firstSegmented(): number {
    return this.#firstSegmented;
  }

  /** Puts back the receiving layout (one iovec of a whole slot each) where a send or receive changed it. */
  #layOutForReceiving(): void {
    const header = this.#header;
    const control = this.#receivesControl;
    for (let i = this.#staleFrom; i < this.#staleTo; i++) {
      const at = i * MMSGHDR_BYTES;
      this.#setIovecLength(i, this.slotBytes);
      header.setBigUint64(at + MSG_NAME, this.#nameAt[i], true);
      header.setUint32(at + MSG_NAMELEN, NAME_BYTES, true);
      header.setBigUint64(at + MSG_IOV, this.#iovecAt[i], true);
      header.setUint32(at + MSG_IOVLEN, 1, true);
      header.setBigUint64(at + MSG_CONTROL, control ? this.#controlAt[i] : 0n, true);
      header.setUint32(at + MSG_CONTROLLEN, control ? CONTROL_BYTES : 0, true);
    }
    this.#staleFrom = this.count;
    this.#staleTo = 0;
  }

  #markStale(from: number, to: number): void {
    if (from >= to) return;
    this.#staleFrom = Math.min(this.#staleFrom, from);
    this.#staleTo = Math.max(this.#staleTo, to);
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
