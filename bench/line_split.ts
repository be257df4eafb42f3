/**
 * Lines cut in two over a lossy link, issue 7's measure: a sender writes long
 * lines (4–20 KB) to `tp1 serve --chat` through a user-space relay on loopback
 * that behaves like a link with 20 ms of delay and 1% segment loss, and two
 * readers count what is relayed: one reading the server directly (a split by
 * the server's idle flush), one through a second such relay and framing with
 * tp1 connect's line stream (a split on the reading side; its 4096-character
 * display pieces are turned off here so that only the flush can cut a line).
 *
 *   deno run -A bench/line_split.ts            (300 lines)
 *   TP1_SPLIT_LINES=1000 deno run -A bench/line_split.ts
 *
 * The relay model: bytes are cut into 1448-byte segments, each delivered 20 ms
 * after it arrived, in order; a "lost" segment (1%) is delivered after a fast
 * retransmit (+60 ms) or, one time in three, a retransmission timeout (+220 ms),
 * and everything behind it waits, as TCP's in-order delivery makes it. Bounded:
 * the run gives up after 120 s. Loopback only.
 */
import { delay } from "../src/io/delay.ts";
import { lineStream } from "../src/streams/line_stream.ts";
import { freePort, ServerProcess } from "./_chat_harness.ts";
import { envInteger } from "./_settings.ts";

const LINES = envInteger("TP1_SPLIT_LINES", 300);
const SEGMENT = 1448;
const DELAY_MS = 20;
const LOSS = 0.01;
const RUN_LIMIT_MS = 120_000;

/** Copies `from` to `to` as the lossy link would deliver it. */
async function lossyCopy(from: Deno.TcpConn, to: Deno.TcpConn): Promise<void> {
  const queue: { at: number; bytes: Uint8Array }[] = [];
  let last = 0;
  let wake: (() => void) | undefined;
  let ended = false;
  const reading = (async () => {
    const buffer = new Uint8Array(64 * 1024);
    try {
      for (;;) {
        const n = await from.read(buffer);
        if (n === null) break;
        for (let at = 0; at < n; at += SEGMENT) {
          let due = Date.now() + DELAY_MS;
          if (Math.random() < LOSS) due += Math.random() < 1 / 3 ? 220 : 60;
          last = Math.max(last, due);
          queue.push({ at: last, bytes: buffer.slice(at, Math.min(at + SEGMENT, n)) });
        }
        wake?.();
      }
    } catch {
      // A reset ends the copy like an end of stream.
    }
    ended = true;
    wake?.();
  })();
  try {
    for (;;) {
      const next = queue.shift();
      if (!next) {
        if (ended) break;
        await new Promise<void>((resolve) => wake = resolve);
        wake = undefined;
        continue;
      }
      const wait = next.at - Date.now();
      if (wait > 0) await delay(wait);
      for (let at = 0; at < next.bytes.length;) at += await to.write(next.bytes.subarray(at));
    }
    await to.closeWrite();
  } catch {
    // The other side went away: the copy is over.
  }
  await reading;
}

/** A relay on a free loopback port to `port`, lossy both ways; resolves its port. */
function lossyRelay(port: number): { port: number; stop: () => void } {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conns: Deno.TcpConn[] = [];
  (async () => {
    for await (const inbound of listener) {
      const outbound = await Deno.connect({ hostname: "127.0.0.1", port });
      conns.push(inbound, outbound);
      lossyCopy(inbound, outbound);
      lossyCopy(outbound, inbound);
    }
  })().catch(() => {});
  return {
    port: listener.addr.port,
    stop: () => {
      listener.close();
      for (const conn of conns) {
        try {
          conn.close();
        } catch {
          // Already closed.
        }
      }
    },
  };
}

/** What a reader saw: whole lines, and pieces of lines that arrived as lines of their own. */
interface Tally {
  whole: number;
  pieces: number;
}

const LINE = /^<user\d+> L(\d+):(\d+):x*$/;

function count(tally: Tally, line: string): void {
  if (!/^<user\d+> /.test(line)) return; // the room's own notices
  const match = LINE.exec(line);
  const text = line.slice(line.indexOf("> ") + 2);
  if (match && text.length === Number(match[2])) tally.whole++;
  else tally.pieces++;
}

async function main(): Promise<void> {
  const port = freePort();
  await using server = new ServerProcess("tp1", port, 16);
  await server.listening();
  const inbound = lossyRelay(port);
  const outbound = lossyRelay(port);
  const direct: Tally = { whole: 0, pieces: 0 };
  const framed: Tally = { whole: 0, pieces: 0 };

  const directConn = await Deno.connect({ hostname: "127.0.0.1", port });
  const directDone = (async () => {
    for await (
      const line of lineStream(directConn.readable, {
        maxLine: 1 << 20,
        idleFlushMs: 60_000,
        timings: { lineEndingIdleMs: 60_000 },
      })
    ) {
      count(direct, line);
    }
  })().catch(() => {});
  const framedConn = await Deno.connect({ hostname: "127.0.0.1", port: outbound.port });
  const framedDone = (async () => {
    for await (const line of lineStream(framedConn.readable, { maxLine: 1 << 20 })) {
      count(framed, line);
    }
  })().catch(() => {});
  await delay(500);

  const sender = await Deno.connect({ hostname: "127.0.0.1", port: inbound.port });
  const encoder = new TextEncoder();
  const started = Date.now();
  for (let i = 0; i < LINES && Date.now() - started < RUN_LIMIT_MS / 2; i++) {
    const length = 4096 + Math.floor(Math.random() * 16 * 1024);
    const head = `L${i}:${length}:`;
    const line = encoder.encode(head + "x".repeat(length - head.length) + "\n");
    for (let at = 0; at < line.length;) at += await sender.write(line.subarray(at));
    await delay(10);
  }
  const seen = () => Math.min(direct.whole + direct.pieces, framed.whole + framed.pieces);
  while (seen() < LINES && Date.now() - started < RUN_LIMIT_MS) await delay(200);
  await delay(2000);
  for (const conn of [sender, directConn, framedConn]) {
    try {
      conn.close();
    } catch {
      // Already closed.
    }
  }
  inbound.stop();
  outbound.stop();
  await Promise.all([directDone, framedDone]);
  const report = (what: string, tally: Tally) => {
    const split = LINES - tally.whole;
    console.log(
      `${what}: ${split} of ${LINES} lines split (${(100 * split / LINES).toFixed(1)}%), ` +
        `${tally.pieces} pieces shown as lines of their own`,
    );
  };
  console.log(
    `${LINES} lines of 4–20 KB, link: ${DELAY_MS} ms delay, ${LOSS * 100}% segment loss`,
  );
  report("server relay (read directly)", direct);
  report("reader through the lossy link (tp1 connect's framing)", framed);
}

if (import.meta.main) await main();
