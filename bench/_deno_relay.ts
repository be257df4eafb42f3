/**
 * The floor under tp1's fan-out, for bench/chat_fanout*.ts: a bare Deno relay
 * with nothing of a room (no names kept, no sanitising, no queue bounds, no
 * log) that sends each read to every other connection, each line prefixed with
 * "<user1> " so it writes the same bytes tp1 writes, one write per recipient
 * per read. What it costs is what Deno's sockets cost for those bytes.
 *
 *   deno run --allow-net bench/_deno_relay.ts PORT
 */
const PREFIX = new TextEncoder().encode("<user1> ");
const LF = 0x0a;

interface Peer {
  readonly conn: Deno.TcpConn;
  readonly queue: Uint8Array[];
  wake?: () => void;
}

const peers = new Set<Peer>();

/** `bytes` with PREFIX in front of each line (the first only when it starts a line). */
function prefixed(bytes: Uint8Array, atLineStart: boolean): Uint8Array {
  let lines = 1;
  for (let at = bytes.indexOf(LF); at !== -1; at = bytes.indexOf(LF, at + 1)) lines++;
  const out = new Uint8Array(bytes.length + lines * PREFIX.length);
  let written = 0;
  let start = atLineStart;
  for (let from = 0; from < bytes.length;) {
    if (start) {
      out.set(PREFIX, written);
      written += PREFIX.length;
    }
    const lf = bytes.indexOf(LF, from);
    const end = lf === -1 ? bytes.length : lf + 1;
    out.set(bytes.subarray(from, end), written);
    written += end - from;
    from = end;
    start = lf !== -1;
  }
  return out.subarray(0, written);
}

async function send(peer: Peer): Promise<void> {
  for (;;) {
    const bytes = peer.queue.shift();
    if (bytes === undefined) {
      await new Promise<void>((resolve) => peer.wake = resolve);
      peer.wake = undefined;
      continue;
    }
    for (let at = 0; at < bytes.length;) at += await peer.conn.write(bytes.subarray(at));
  }
}

async function relay(peer: Peer): Promise<void> {
  const buffer = new Uint8Array(64 * 1024);
  let atLineStart = true;
  try {
    for (;;) {
      const n = await peer.conn.read(buffer);
      if (n === null) break;
      const out = prefixed(buffer.subarray(0, n), atLineStart);
      atLineStart = buffer[n - 1] === LF;
      for (const other of peers) {
        if (other === peer) continue;
        other.queue.push(out);
        other.wake?.();
      }
    }
  } catch {
    // Gone: it leaves.
  }
  peers.delete(peer);
  try {
    peer.conn.close();
  } catch {
    // Already closed.
  }
}

const listener = Deno.listen({ hostname: "127.0.0.1", port: Number(Deno.args[0]) });
for await (const conn of listener) {
  conn.setNoDelay(true);
  const peer: Peer = { conn, queue: [] };
  peers.add(peer);
  send(peer).catch(() => peers.delete(peer));
  relay(peer);
}
