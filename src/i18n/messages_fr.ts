/**
 * Le catalogue français, typé `Messages` : une clé absente ou en trop est une
 * erreur de `deno check`. Written with ordinary spaces; `withFrenchSpacing` puts
 * the no-break spaces of French typography in once, for the whole catalogue.
 */
import type { Messages } from "./messages_en.ts";
import { withFrenchSpacing } from "./french_spacing.ts";
import { commonFr } from "./fr/common.ts";
import { usageFr } from "./fr/usage.ts";
import { netFr } from "./fr/net.ts";
import { clientFr } from "./fr/client.ts";
import { tlsFr } from "./fr/tls.ts";
import { filesFr } from "./fr/files.ts";
import { portFr } from "./fr/port.ts";
import { certFr } from "./fr/cert.ts";
import { watchFr } from "./fr/watch.ts";
import { helpTp1Fr } from "./fr/help_tp1.ts";
import { helpServeFr } from "./fr/help_serve.ts";
import { helpConnectFr } from "./fr/help_connect.ts";
import { helpPortFr } from "./fr/help_port.ts";
import { helpCertFr } from "./fr/help_cert.ts";
import { roomFr } from "./fr/room.ts";
import { serverFr } from "./fr/server.ts";
import { gateFr } from "./fr/gate.ts";
import { terminalFr } from "./fr/terminal.ts";
import { udpFr } from "./fr/udp.ts";
import { recordFr } from "./fr/record.ts";

const written: Messages = {
  common: commonFr,
  usage: usageFr,
  net: netFr,
  client: clientFr,
  tls: tlsFr,
  files: filesFr,
  port: portFr,
  cert: certFr,
  watch: watchFr,
  help: {
    tp1: helpTp1Fr,
    serve: helpServeFr,
    connect: helpConnectFr,
    port: helpPortFr,
    cert: helpCertFr,
  },
  room: roomFr,
  server: serverFr,
  gate: gateFr,
  terminal: terminalFr,
  udp: udpFr,
  record: recordFr,
};

/** Every message tp1 prints, in French. */
export const fr: Messages = withFrenchSpacing(written);
