/**
 * Start-up (issue 14): the plainest piped client, `tp1 connect ADDRESS [PORT] < file`,
 * dials and sends its first chunk of input before the rest of tp1 is loaded.
 *
 * Loading tp1's modules keeps Deno's event loop busy (about 15 ms): a connection or a
 * read started before it makes no progress until it is over. So main.ts starts the
 * connection, and the first read once it is made, then waits a little for that chunk to be
 * sent ({@linkcode HEAD_START_WAIT_MS} at most: the input may have nothing yet, the server may
 * be slow to answer), then loads `tp1 connect`, which takes the connection over
 * (dial.ts) and counts the chunk as sent (InputPump): nothing is read twice, nothing is
 * read before the connection is made, nothing is dialed twice, and nothing is sent that
 * the ordinary road would not have sent as soon as it was connected.
 *
 * Only a command line that means nothing else is recognised: `connect`, an IPv4 address
 * written the usual way (what `tp1 connect` would dial as it is) and a port in decimal,
 * with no option at all (no --tls, --password, --wait, --udp, --lang…), and an input
 * that is not a terminal (the prompt is for terminals). Anything else takes the ordinary
 * road, untouched.
 */
import { DEFAULT_PORT } from "../core/default_port.ts";
import { writeAll } from "../io/byte_ends.ts";

/** How long main.ts waits for the first chunk to be sent before it loads the rest. */
export const HEAD_START_WAIT_MS = 10;

/** The most the first read takes (a pipe holds 64 KiB until pipe_capacity.ts grows it). */
const FIRST_READ_SIZE = 64 * 1024;

/** Where a head start dials. */
export interface HeadStartTarget {
  readonly host: string;
  readonly port: number;
}

/** A connection dialed, and a first chunk sent on it, before `tp1 connect` was loaded. */
export interface HeadStart extends HeadStartTarget {
  /** The connection, dialed without a time limit (dial.ts gives it the user's). */
  readonly conn: Promise<Deno.TcpConn>;
  /**
   * The first chunk of input, read once `conn` is made and sent on it: its length (0 when
   * nothing could be read), or null when the input was already at its end. Rejects as the
   * dial or the write did.
   */
  readonly firstChunk: Promise<number | null>;
}

/**
 * `text` as a number from 0 to `max`, in decimal with no leading zero (`127.0.0.010` is
 * refused by tp1), else undefined. Checked by hand: a first regular expression costs
 * ~0.4 ms to compile, a tenth of this head start's margin.
 */
function plainDecimal(text: string, max: number): number | undefined {
  if (text.length === 0 || text.length > 5 || (text.length > 1 && text[0] === "0")) return;
  for (let i = 0; i < text.length; i++) {
    if (text[i] < "0" || text[i] > "9") return;
  }
  const value = Number(text);
  return value <= max ? value : undefined;
}

/** Whether `host` is an IPv4 address in dotted decimal, no leading zero. */
function isPlainIpv4(host: string): boolean {
  const parts = host.split(".");
  return parts.length === 4 && parts.every((part) => plainDecimal(part, 255) !== undefined);
}

/** Where `args` (tp1's whole command line) would dial, if they are a plain `connect ADDRESS [PORT]`. */
export function headStartTarget(args: readonly string[]): HeadStartTarget | undefined {
  if (args[0] !== "connect" || args.length < 2 || args.length > 3) return undefined;
  const [, host, port] = args;
  if (!isPlainIpv4(host)) return undefined;
  if (port === undefined) return { host, port: DEFAULT_PORT };
  const number = plainDecimal(port, 65535);
  return number ? { host, port: number } : undefined;
}

let started: HeadStart | undefined;

/**
 * Starts a head start when `args` allow one (see the module's comment); resolves once its
 * first chunk is sent, or the dial or the write failed, or {@linkcode HEAD_START_WAIT_MS}
 * passed. Resolves at once when there is none.
 */
export function startHeadStart(args: readonly string[]): Promise<void> {
  const target = headStartTarget(args);
  // No permission to dial is asked for: with input that is not a terminal, Deno cannot ask
  // either, and refuses the dial as it would refuse the ordinary road's (same error).
  if (!target || Deno.stdin.isTerminal() || !mayLoadTp1()) {
    return Promise.resolve();
  }
  const conn = Deno.connect({ hostname: target.host, port: target.port });
  // Input is read only once connected, as the ordinary road does: a dial that fails leaves
  // all of it to whoever reads it next (`{ tp1 connect vm1 || tp1 connect vm2; } < file`).
  const firstChunk = conn.then(async (tcp) => {
    const chunk = await readFirstChunk();
    if (chunk === null) return null;
    await writeAll(tcp, chunk);
    return chunk.length;
  });
  // Seen by `tp1 connect` (dial.ts, InputPump), whose errors say what happened.
  firstChunk.catch(() => {});
  started = { ...target, conn, firstChunk };
  // Not io/deadline.ts: its setTimeout() would be Deno's first, which costs ~5 ms (its timers'
  // code is loaded then); AbortSignal.timeout() does not.
  return new Promise((resolve) => {
    AbortSignal.timeout(HEAD_START_WAIT_MS).addEventListener("abort", () => resolve());
    firstChunk.then(() => resolve(), () => resolve());
  });
}

/**
 * The head start, for `tp1 connect` dialing `target`; taken once. One for another target
 * (which the command line cannot make) is closed, not used.
 */
export function takeHeadStart(target: HeadStartTarget): HeadStart | undefined {
  const head = started;
  started = undefined;
  if (head && (head.host !== target.host || head.port !== target.port)) {
    head.conn.then((conn) => conn.close(), () => {});
    return undefined;
  }
  return head;
}

/**
 * Whether the rest of tp1 can be loaded after the head start: `deno run --allow-net` alone
 * fails there (tp1's modules are read as they are imported), before the ordinary road dials.
 */
function mayLoadTp1(): boolean {
  const tp1 = new URL("../", import.meta.url);
  if (tp1.protocol !== "file:") return false;
  return Deno.permissions.querySync({ name: "read", path: tp1 }).state === "granted";
}

/**
 * The first chunk of standard input, null at its end, empty when it cannot be read now (a
 * descriptor left non-blocking: the pump reopens it, patient_ends.ts).
 */
async function readFirstChunk(): Promise<Uint8Array | null> {
  const buffer = new Uint8Array(FIRST_READ_SIZE);
  try {
    const n = await Deno.stdin.read(buffer);
    return n === null ? null : buffer.subarray(0, n);
  } catch {
    return new Uint8Array(0);
  }
}
