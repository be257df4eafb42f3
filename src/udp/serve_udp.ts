/**
 * `tp1 serve --udp`: a UDP server. On a terminal, each datagram is shown with
 * its sender and size, and typed lines answer (see udp_server_room.ts); piped,
 * like `nc -u -l`, datagrams' bytes go to stdout back to back and stdin's go to
 * the peer heard from last.
 */
import { formatHostPort } from "../core/host_port.ts";
import type { AccessPolicy } from "../access/access_policy.ts";
import { reachableAddresses } from "../net/reachable_addresses.ts";
import { WriteBehind } from "../io/write_behind.ts";
import { stdinSource, stdoutSink } from "../pipe/stdio_ends.ts";
import { PromptConsole } from "../terminal/prompt_console.ts";
import { isInteractive, localHostname } from "../terminal/terminal_facts.ts";
import { notice, stderrLogger } from "../terminal/stderr_log.ts";
import { openServerSocket } from "./open_udp_socket.ts";
import { endpointText } from "./datagram_text.ts";
import { t } from "../i18n/catalogue.ts";
import { UdpServerRoom } from "./udp_server_room.ts";
import { HeardSenders } from "./udp_peers.ts";
import { UdpError, type UdpSocket } from "./udp_socket.ts";
import type { SocketEndpoint } from "./socket_address.ts";

/**
 * How many received bytes may wait for a slow stdout before the server stops
 * reading its socket (and the kernel starts dropping datagrams).
 */
const WRITE_BEHIND_BYTES = 32 * 1024 * 1024;
/** How long a stop waits on stdout before saying so (and that Ctrl-C again leaves). */
const STALLED_NOTICE_MS = 1000;

/** What `tp1 serve --udp` was asked for. */
export interface ServeUdpOptions {
  readonly port: number;
  readonly host?: string;
  readonly access: AccessPolicy;
  readonly lineEnding: string;
  readonly verbose: boolean;
}

/** Runs the UDP server until stopped; resolves to the exit code. */
export async function serveUdp(options: ServeUdpOptions): Promise<number> {
  const socket = await openServerSocket(options.port, options.host);
  return isInteractive()
    ? await serveInteractive(socket, options)
    : await servePipedUdp(socket, options);
}

async function serveInteractive(socket: UdpSocket, options: ServeUdpOptions): Promise<number> {
  const bound = socket.localEndpoint();
  console.log(banner(bound));
  const room = new UdpServerRoom(options.access, options.lineEnding);
  const screen = new PromptConsole(`server@${localHostname()}:${bound.port}/udp$ `);
  screen.onLine((line) => {
    const effect = room.typed(line, Date.now());
    for (const { to, bytes } of effect.send) {
      try {
        socket.sendTo(bytes, to);
      } catch (error) {
        if (!(error instanceof UdpError)) throw error;
        screen.show(t().udp.notSentTo(endpointText(to), error.message));
      }
    }
    effect.show.forEach((text) => screen.show(text));
  });
  const receiving = (async () => {
    for (;;) {
      const got = await socket.receive();
      if (got === null) return;
      // An unconnected socket gets no ICMP errors; anything else is worth a line, not a stop.
      if (got instanceof UdpError) {
        screen.show(`* ${got.message}`);
        continue;
      }
      for (const { bytes, from } of got) {
        room.received(from, bytes, Date.now()).forEach((text) => screen.show(text));
      }
    }
  })();
  await screen.ended;
  socket.close();
  await receiving;
  const dropped = socket.droppedByKernel() ?? 0;
  if (dropped > 0) screen.show(`* ${t().udp.droppedByKernel(t().udp.datagrams(dropped))}`);
  screen.show(t().udp.serverStopped);
  return 0;
}

function banner(bound: SocketEndpoint): string {
  return [
    t().udp.serverBanner,
    where(bound),
    ...t().udp.serverNoConnection,
    "",
  ].join("\n");
}

/** `listening on UDP port 7999, every interface (…) — reach it at 192.168.100.4:7999`. */
function where({ address, port }: SocketEndpoint): string {
  const wildcard = address === "::" || address === "0.0.0.0";
  const listening = wildcard
    ? t().udp.listeningEverywhere(port, address === "::" ? t().udp.everyAddress : "0.0.0.0")
    : t().udp.listeningOn(formatHostPort({ host: address, port }));
  const others = wildcard ? reachableAddresses() : [address];
  const reach = others.length > 0
    ? t().udp.reachAt(others.map((h) => formatHostPort({ host: h, port })))
    : "";
  return `${listening}${reach}`;
}

/**
 * Piped, like `nc -u -l`: every datagram's bytes go to stdout as they are;
 * stdin (once a peer is known) goes to the peer heard from last, one datagram
 * per read. Runs until SIGINT or SIGTERM, or until stdout is closed.
 */
async function servePipedUdp(socket: UdpSocket, options: ServeUdpOptions): Promise<number> {
  const log = stderrLogger(options.verbose);
  const room = new UdpServerRoom(options.access);
  // Written behind the receiving: while it waits for stdout the socket is still read.
  const output = new WriteBehind(stdoutSink(), WRITE_BEHIND_BYTES);
  const counts = { inDatagrams: 0, inBytes: 0, outDatagrams: 0, outBytes: 0 };
  // Bounded: a flood from many source ports and 127.0.0.0/8 addresses must not grow memory.
  const peers = new HeardSenders();
  let last: SocketEndpoint | undefined;
  let firstPeer: () => void = () => {};
  const heardFirst = new Promise<void>((resolve) => firstPeer = resolve);
  log(t().udp.listeningOn(endpointText(socket.localEndpoint())));

  /** The verdict on each sender (endpoint objects, reused while one sender goes on). */
  const verdicts = new WeakMap<SocketEndpoint, boolean>();
  let judged: SocketEndpoint | undefined;
  let judgedAllowed = false;
  const isAllowed = (from: SocketEndpoint): boolean => {
    if (from === judged) return judgedAllowed;
    let allowed = verdicts.get(from);
    if (allowed === undefined) {
      const admission = room.admit(from);
      if (!admission.allowed && admission.log) notice(admission.log.replace(/^\* /, ""));
      allowed = admission.allowed;
      verdicts.set(from, allowed);
      const name = endpointText(from);
      const heard = allowed ? peers.heard(name) : undefined;
      if (heard) log(heard);
    }
    judged = from;
    judgedAllowed = allowed;
    return allowed;
  };

  // A second signal leaves without what stdout has not taken (`| less` takes nothing once its
  // screen is full, and ignores Ctrl-C): the first waits for it, which could be forever.
  let stalled: ReturnType<typeof setTimeout> | undefined;
  let notWritten = 0;
  const stop = () => {
    if (stalled !== undefined) notWritten = output.abandon();
    stalled ??= setTimeout(() => {
      if (output.waiting > 0) notice(t().udp.stdoutStalled(t().udp.bytes(output.waiting)));
    }, STALLED_NOTICE_MS);
    socket.close();
  };
  const signals = ["SIGINT", "SIGTERM"] as const;
  signals.forEach((signal) => Deno.addSignalListener(signal, stop));

  // A terminal on stdin with stdout redirected is usually a server sent to the background.
  const readsInput = !Deno.stdin.isTerminal();
  const sending = readsInput
    ? (async () => {
      await heardFirst;
      const input = stdinSource();
      const buffer = new Uint8Array(socket.maxDatagram);
      for (;;) {
        const n = await input.read(buffer).catch(() => null);
        if (n === null || last === undefined) return;
        try {
          socket.sendTo(buffer.subarray(0, n), last);
          counts.outDatagrams++;
          counts.outBytes += n;
        } catch (error) {
          if (!(error instanceof UdpError)) throw error;
          notice(t().udp.couldNotSendTo(endpointText(last), error.message));
        }
      }
    })()
    : Promise.resolve();

  try {
    for (;;) {
      const got = await socket.receive();
      if (got === null) break;
      if (got instanceof UdpError) continue;
      // One sender's datagrams share one endpoint object (see UdpSocket): judged once, not each.
      let refused = false;
      for (const { from, bytes } of got) {
        if (!isAllowed(from)) {
          refused = true;
          continue;
        }
        counts.inDatagrams++;
        counts.inBytes += bytes.length;
        last = from;
      }
      const admitted = refused ? got.filter(({ from }) => isAllowed(from)) : got;
      if (admitted.length === 0) continue;
      firstPeer();
      if (!await writeBatch(output, admitted.map((d) => d.bytes))) break;
    }
    // Every datagram received is on stdout before the server says it is done.
    await output.flush();
  } finally {
    clearTimeout(stalled);
    signals.forEach((signal) => Deno.removeSignalListener(signal, stop));
    socket.close();
  }
  if (notWritten > 0) notice(t().udp.notWritten(t().udp.bytes(notWritten)));
  const dropped = socket.droppedByKernel() ?? 0;
  if (dropped > 0) notice(t().udp.droppedByKernel(t().udp.datagrams(dropped)));
  log(
    t().udp.serverDone(
      t().udp.datagrams(counts.inDatagrams),
      t().udp.bytes(counts.inBytes),
      t().udp.peers(peers.count),
      t().udp.datagrams(counts.outDatagrams),
      t().udp.bytes(counts.outBytes),
    ),
  );
  // Standard input may still be waiting for a read that never ends: the process exits anyway.
  void sending;
  return 0;
}

/** Queues the datagrams back to back as one write; false once the output is closed. */
function writeBatch(output: WriteBehind, parts: Uint8Array[]): Promise<boolean> {
  const first = parts[0];
  const end = parts[parts.length - 1];
  // A batch usually lies side by side in the socket's buffer already: taken as it is.
  const contiguous = parts.every((part, i) =>
    i === 0 ||
    (part.buffer === first.buffer &&
      part.byteOffset === parts[i - 1].byteOffset + parts[i - 1].length)
  );
  if (contiguous) {
    return output.push(
      new Uint8Array(
        first.buffer,
        first.byteOffset,
        end.byteOffset + end.length - first.byteOffset,
      ),
    );
  }
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  // `tp1 serve --udp | head`: false once nobody reads any more.
  return output.push(joined);
}
