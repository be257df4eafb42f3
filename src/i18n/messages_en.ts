/**
 * The English catalogue, the reference: its shape is the type every other
 * language must fill (`Messages`), so a key missing in French fails `deno check`.
 * Each area has its own section file under `en/` (and `fr/`), so people
 * translating different areas edit different files.
 */
import { commonEn } from "./en/common.ts";
import { usageEn } from "./en/usage.ts";
import { netEn } from "./en/net.ts";
import { clientEn } from "./en/client.ts";
import { tlsEn } from "./en/tls.ts";
import { filesEn } from "./en/files.ts";
import { portEn } from "./en/port.ts";
import { certEn } from "./en/cert.ts";
import { watchEn } from "./en/watch.ts";
import { helpTp1En } from "./en/help_tp1.ts";
import { helpServeEn } from "./en/help_serve.ts";
import { helpConnectEn } from "./en/help_connect.ts";
import { helpPortEn } from "./en/help_port.ts";
import { helpCertEn } from "./en/help_cert.ts";
import { roomEn } from "./en/room.ts";
import { serverEn } from "./en/server.ts";
import { gateEn } from "./en/gate.ts";
import { terminalEn } from "./en/terminal.ts";
import { udpEn } from "./en/udp.ts";
import { recordEn } from "./en/record.ts";

/** Every message tp1 prints, in English. */
export const en = {
  common: commonEn,
  usage: usageEn,
  net: netEn,
  client: clientEn,
  tls: tlsEn,
  files: filesEn,
  port: portEn,
  cert: certEn,
  watch: watchEn,
  help: {
    tp1: helpTp1En,
    serve: helpServeEn,
    connect: helpConnectEn,
    port: helpPortEn,
    cert: helpCertEn,
  },
  room: roomEn,
  server: serverEn,
  gate: gateEn,
  terminal: terminalEn,
  udp: udpEn,
  record: recordEn,
};

/** The shape of a catalogue: every key, and the parameters of each message function. */
export type Messages = typeof en;
