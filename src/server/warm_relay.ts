/**
 * Warms the chat relay before the first client arrives. V8 first runs code in
 * its interpreter and optimises it only once it has run for a while, so the
 * first burst a room relayed (the one a class feels) took 3–5× as long per line
 * as the next: measured in memory, five 64 KiB bursts to 100 members took 25–60
 * ms cold and 5–7 ms once warm. Relaying a few small synthetic bursts through a
 * throwaway room, framer and dispatcher at start-up, with no socket, costs about
 * 20 ms once, before anyone can connect, and leaves the real room untouched.
 */
import { ChatLineFramer } from "../room/chat_line_framer.ts";
import { Room } from "../room/room.ts";
import type { ClientId } from "../room/room_types.ts";
import { type ClientChannel, RoomDispatcher } from "./room_dispatcher.ts";

const MEMBERS = 3;
const BURSTS = 20;
const LINES_PER_BURST = 100;

/** A channel that accepts everything and sends nothing. */
const NOWHERE: ClientChannel = {
  sendBytes: () => true,
  broken: false,
  queuedBytes: 0,
  stalledMs: 0,
  drained: () => Promise.resolve(),
};

/** Runs synthetic bursts through a throwaway chat room so the relay's code is optimised early. */
export function warmRelay(lineEnding: string): void {
  const room = new Room({ mode: "chat" });
  const dispatcher = new RoomDispatcher(room, { show: () => {}, close: () => {} }, {
    lineEnding,
  });
  for (let id = 1; id <= MEMBERS; id++) {
    dispatcher.join(id as ClientId, NOWHERE, `127.0.0.1:${40000 + id}`);
  }
  const encoder = new TextEncoder();
  const framer = new ChatLineFramer();
  for (let burst = 0; burst < BURSTS; burst++) {
    let text = "";
    for (let i = 0; i < LINES_PER_BURST; i++) {
      // Mostly plain ASCII (the fast path); one burst in four needs escaping.
      text += burst % 4 === 3
        ? `ligne ${i} déjà vue\t\x1b[1m\n`
        : `line ${burst} ${i} of a warm-up\n`;
    }
    dispatcher.dispatch({
      type: "lines",
      id: 1 as ClientId,
      lines: framer.push(encoder.encode(text)),
    });
  }
  for (let id = 1; id <= MEMBERS; id++) dispatcher.leave(id as ClientId, { kind: "closed" });
}
