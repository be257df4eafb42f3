/**
 * Le catalogue français, typé `Messages` : une clé absente ou en trop est une
 * erreur de `deno check`. Written with ordinary spaces; `withFrenchSpacing` puts
 * the no-break spaces of French typography in once, for the whole catalogue.
 */
import type { Messages } from "./messages_en.ts";
import { withFrenchSpacing } from "./french_spacing.ts";
import { commonFr } from "./fr/common.ts";
import { roomFr } from "./fr/room.ts";
import { serverFr } from "./fr/server.ts";
import { gateFr } from "./fr/gate.ts";
import { terminalFr } from "./fr/terminal.ts";
import { udpFr } from "./fr/udp.ts";

const written: Messages = {
  common: commonFr,
  room: roomFr,
  server: serverFr,
  gate: gateFr,
  terminal: terminalFr,
  udp: udpFr,
};

/** Every message tp1 prints, in French. */
export const fr: Messages = withFrenchSpacing(written);
