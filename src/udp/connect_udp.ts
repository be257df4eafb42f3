/**
 * `tp1 connect --udp HOST [PORT]`: a UDP client. On a terminal, a typed line is
 * one datagram and each datagram received is shown with its sender and size;
 * piped, like `nc -u`, stdin is sent as datagrams (one per read, split at the
 * size limit) and replies go to stdout until the peer has been quiet for
 * `--linger`. A connected socket hears the ICMP "port unreachable", said as a
 * sentence (and exit 1 when piped); with `--broadcast` nobody can answer so.
 */
import { formatHostPort, type HostPort } from "../core/host_port.ts";
import { UserError } from "../errors.ts";
import { writeAll } from "../io/byte_ends.ts";
import { stdinSource, stdoutSink } from "../pipe/stdio_ends.ts";
import { PromptConsole } from "../terminal/prompt_console.ts";
import { isInteractive, localHostname } from "../terminal/terminal_facts.ts";
import { stderrLogger } from "../terminal/stderr_log.ts";
import { delay } from "../io/delay.ts";
import { datagramLine, endpointText } from "./datagram_text.ts";
import { t } from "../i18n/catalogue.ts";
import { type ClientSocket, nobodyListening, openClientSocket } from "./open_udp_socket.ts";
import { UdpError } from "./udp_socket.ts";
import { libc } from "../io/libc.ts";
import { MessageBatch } from "../io/message_batch.ts";
import { ReadyReads } from "../io/ready_reads.ts";

const STDIN_FD = 0;
/** How long the sender waits on this thread for stdin's next read before handing the wait off. */
const FLOW_WAIT_MS = 2;
/**
 * Reads of stdin taken (and datagrams sent) per call when stdin is a socket:
 * 64 slots of the largest datagram, 4 MiB of address space of which only the
 * pages written are used.
 */
const STDIN_SLOTS = 64;

/** What `tp1 connect --udp` was asked for. */
export interface ConnectUdpOptions {
  readonly target: HostPort;
  readonly broadcast: boolean;
  readonly lingerMs: number;
  readonly lineEnding: string;
  readonly verbose: boolean;
  readonly usage: string;
}

/** Runs the UDP client; resolves to the exit code. */
export async function connectUdp(options: ConnectUdpOptions): Promise<number> {
  const client = await openClientSocket(options.target, options.broadcast, options.usage);
  return isInteractive()
    ? await connectInteractive(client, options)
    : await connectPiped(client, options);
}

function send(client: ClientSocket, bytes: Uint8Array): void {
  if (client.connected) client.socket.send(bytes);
  else client.socket.sendTo(bytes, client.peer);
}

async function connectInteractive(
  client: ClientSocket,
  options: ConnectUdpOptions,
): Promise<number> {
  const { socket } = client;
  const to = formatHostPort(options.target);
  // An unconnected socket has no local port until it sends; a connected one has.
  const from = endpointText(socket.localEndpoint());
  console.log(
    [
      client.connected
        ? t().udp.clientBanner(to, from)
        : t().udp.clientBroadcastBanner(to, socket.localEndpoint().port),
      ...t().udp.clientNoConnection,
      "",
    ].join("\n"),
  );
  const screen = new PromptConsole(`client@${localHostname()}:${options.target.port}/udp$ `);
  const encoder = new TextEncoder();
  screen.onLine((line) => {
    try {
      send(client, encoder.encode(line + options.lineEnding));
    } catch (error) {
      if (!(error instanceof UdpError)) throw error;
      screen.show(
        error.kind === "port-unreachable"
          ? t().udp.notSent(nobodyListening(options.target, true))
          : t().udp.notSent(error.message),
      );
    }
  });
  const receiving = (async () => {
    for (;;) {
      const got = await client.socket.receive();
      if (got === null) return;
      if (got instanceof UdpError) {
        screen.show(
          got.kind === "port-unreachable"
            ? `* ${nobodyListening(options.target, true)}`
            : `* ${got.message}`,
        );
        continue;
      }
      for (const { from, bytes } of got) screen.show(datagramLine(from, bytes));
    }
  })();
  await screen.ended;
  socket.close();
  await receiving;
  return 0;
}

async function connectPiped(client: ClientSocket, options: ConnectUdpOptions): Promise<number> {
  const { socket } = client;
  const log = stderrLogger(options.verbose);
  const output = stdoutSink();
  const counts = { outDatagrams: 0, outBytes: 0, inDatagrams: 0, inBytes: 0 };
  let heardAt = 0;
  let failure: UdpError | undefined;
  log(
    t().udp.sending(formatHostPort(options.target), endpointText(socket.localEndpoint())),
  );

  const receiving = (async () => {
    for (;;) {
      const got = await socket.receive();
      if (got === null) return;
      if (got instanceof UdpError) {
        failure = got;
        socket.close();
        return;
      }
      heardAt = Date.now();
      for (const { bytes } of got) {
        counts.inDatagrams++;
        counts.inBytes += bytes.length;
        await writeAll(output, bytes).catch(() => undefined);
      }
    }
  })();

  const input = stdinSource();
  // Each read is one datagram: never bigger than the limit, as a slot is not.
  const batch = new MessageBatch(STDIN_SLOTS, socket.maxDatagram);
  const firstSlot = batch.bytes.subarray(0, socket.maxDatagram);
  // The socket opened, so the C library is there.
  const ready = new ReadyReads(libc()!, STDIN_FD, batch);
  const to = client.connected ? undefined : client.peer;
  const sendReads = (reads: number) => {
    socket.sendBatch(batch, 0, reads, to);
    counts.outDatagrams += reads;
    for (let i = 0; i < reads; i++) counts.outBytes += batch.length(i);
  };
  try {
    reading: for (;;) {
      const n = await input.read(firstSlot);
      if (n === null || failure) break;
      batch.setLength(0, n);
      sendReads(1);
      // What is already there is read at once, still one datagram per read.
      while (!failure) {
        // A short wait here keeps a steady flow on this thread; replies wait at most that long.
        const reads = ready.take(FLOW_WAIT_MS);
        if (reads === undefined) break;
        if (reads === null) break reading;
        sendReads(reads);
      }
    }
  } catch (error) {
    if (!(error instanceof UdpError)) throw error;
    failure ??= error;
  }
  // Replies may still be on their way: wait until the peer has been quiet for the linger time.
  let quietSince = Date.now();
  while (!failure) {
    const quietFor = Date.now() - Math.max(quietSince, heardAt);
    if (quietFor >= options.lingerMs) break;
    await delay(Math.min(options.lingerMs - quietFor, 100));
    if (heardAt > quietSince) quietSince = heardAt;
  }
  socket.close();
  await receiving;
  log(
    t().udp.clientDone(
      t().udp.datagrams(counts.outDatagrams),
      t().udp.bytes(counts.outBytes),
      t().udp.datagrams(counts.inDatagrams),
      t().udp.bytes(counts.inBytes),
    ),
  );
  if (failure) {
    throw new UserError(
      failure.kind === "port-unreachable"
        ? nobodyListening(options.target)
        : t().udp.failed(formatHostPort(options.target), failure.message),
    );
  }
  return 0;
}
