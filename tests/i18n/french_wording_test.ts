/**
 * The French tester's wording fixes, each beside the English it must leave
 * unchanged: the client's banner, the TLS trust lines, decimal commas in
 * durations shown to people, plurals in tp1 port, --watch's "gone".
 */
import { assertEquals } from "../_helpers/assert.ts";
import { catalogueFor, setLanguage } from "../../src/i18n/catalogue.ts";
import { ms } from "../../src/client/connect_timings.ts";
import { seconds } from "../../src/record/close_summary.ts";
import { formatChange } from "../../src/proc/socket_watch.ts";
import type { TcpSocketEntry } from "../../src/proc/proc_net_tcp.ts";

const fr = catalogueFor("fr");
const en = catalogueFor("en");
const plain = (text: string) => text.replaceAll("\u00a0", " ");

Deno.test("French banner reads « client tp1 — connecté à … »; English keeps « tp1 client »", () => {
  assertEquals(
    plain(fr.client.banner("127.0.0.1:7999", "127.0.0.1:5000")),
    "client tp1 — connecté à 127.0.0.1:7999 depuis 127.0.0.1:5000",
  );
  assertEquals(
    en.client.banner("127.0.0.1:7999", "127.0.0.1:5000"),
    "tp1 client — connected to 127.0.0.1:7999 from 127.0.0.1:5000",
  );
});

Deno.test("French TLS line: « TLS 1.3 : le certificat du serveur correspond … » and « … du serveur : 77:30 »", () => {
  assertEquals(
    plain(fr.client.tlsLine("TLS 1.3", fr.client.trustPinned, "77:30:AB")),
    "TLS 1.3 : le certificat du serveur correspond à l'empreinte épinglée\n" +
      "empreinte SHA-256 du certificat du serveur : 77:30:AB",
  );
});

Deno.test("durations shown to people take a decimal comma in French, a point in English", () => {
  setLanguage("fr");
  try {
    assertEquals(ms(2.94), "2,94 ms");
    assertEquals(seconds(13863), "13,863 s");
  } finally {
    setLanguage("en");
  }
  assertEquals(ms(2.94), "2.94 ms");
  assertEquals(seconds(13863), "13.863 s");
});

Deno.test("tp1 port in French counts sockets whose process is gone: « 2 sockets », « une socket »", () => {
  assertEquals(
    plain(fr.port.heldNoProcess(["alice"], 2)),
    "occupé par 2 sockets de l'utilisateur alice dont le processus est introuvable",
  );
  assertEquals(
    plain(fr.port.heldNoProcess(["alice"], 1)),
    "occupé par une socket de l'utilisateur alice dont le processus est introuvable",
  );
});

Deno.test("--watch shows a socket that left as « disparue » in French, « gone » in English", () => {
  const socket: TcpSocketEntry = {
    state: "TIME_WAIT",
    local: { address: "127.0.0.1", port: 7999 },
    remote: { address: "127.0.0.1", port: 51234 },
    uid: 0,
    inode: 0,
  };
  const change = { before: "TIME_WAIT" as const, socket };
  assertEquals(
    formatChange("10:00:00.000", change, undefined, false, fr).split(/\s+/)[1],
    "disparue",
  );
  assertEquals(formatChange("10:00:00.000", change, undefined, false, en).split(/\s+/)[1], "gone");
});

Deno.test("the French --insecure warning has the prefixes of tp1's other French stderr lines", () => {
  const lines = plain(fr.client.insecureWarning("AB:CD", "tp1 connect X")).trimEnd().split("\n");
  assertEquals(
    lines[0].startsWith(plain(fr.terminal.warningPrefix) + "--insecure : "),
    true,
    lines[0],
  );
  for (const line of lines.slice(1)) {
    assertEquals(line.startsWith(plain(fr.terminal.logPrefix)), true, line);
  }
});

Deno.test("French byte counts agree with their number: « 0 octet envoyé », « 1 octet reçu », « 2 octets envoyés »", () => {
  assertEquals(
    plain(fr.common.closeSummary(0, 1, "3,472 s", "le client a fermé le premier")),
    "0 octet envoyé, 1 octet reçu en 3,472 s ; le client a fermé le premier",
  );
  assertEquals(
    plain(fr.common.closeSummary(2, 22, "1 s", "x")),
    "2 octets envoyés, 22 octets reçus en 1 s ; x",
  );
  assertEquals(plain(fr.client.done(1, 0)), "terminé : 1 octet envoyé, 0 octet reçu");
  assertEquals(plain(fr.client.done(5, 14)), "terminé : 5 octets envoyés, 14 octets reçus");
});

Deno.test("the TLS server's refusals write seconds with a decimal comma in French: « en 1,5 s »", () => {
  assertEquals(
    plain(fr.gate.tlsServer.silent("le client", 1.5)),
    "le client n'a rien envoyé en 1,5 s (sans doute un client sans --tls, à qui une ligne dit de l'ajouter)",
  );
  assertEquals(
    plain(fr.gate.tlsServer.unfinished("le client", 2.5)),
    "le client n'a pas terminé la poignée de main TLS en 2,5 s",
  );
  assertEquals(en.gate.tlsServer.silent("the client", 1.5).includes("1.5 s"), true);
});

/** A stand-in for any parameter, the size of real ones: 7999 as a number, an address as text. */
const SIZED: unknown = new Proxy(() => {}, {
  get: (_target, key) => {
    if (key === Symbol.toPrimitive) {
      return (hint: string) => hint === "number" ? 7999 : "127.0.0.1:7999";
    }
    if (key === Symbol.iterator) return function* () {};
    if (key === "length") return 2;
    return SIZED;
  },
  apply: () => SIZED,
});

/**
 * The lines of every message under `node` laid out on several lines (with
 * newlines, or as an array of lines), functions called with sized stand-ins.
 * One-line sentences are left to the terminal, or to errorText() for errors.
 */
function laidOutLines(node: unknown, path: string, inArray = false): [string, string][] {
  if (typeof node === "string") {
    return inArray || node.includes("\n") ? node.split("\n").map((line) => [path, line]) : [];
  }
  if (typeof node === "function") {
    return laidOutLines(node(SIZED, SIZED, SIZED, SIZED), path, inArray);
  }
  if (typeof node === "object" && node !== null) {
    return Object.entries(node).flatMap(([key, value]) =>
      laidOutLines(value, `${path}.${key}`, Array.isArray(node))
    );
  }
  return [];
}

Deno.test("French texts printed as they are (tp1 port, UDP banners, --insecure, cert) fit 80 columns", () => {
  // Errors go through run_cli's errorText(), which breaks them at spaces; these do not.
  const printedAsIs = [
    ["port", fr.port],
    ["udp", fr.udp],
    ["server", fr.server],
    ["room", fr.room],
    ["cert.anotherServer", fr.cert.anotherServer],
    ["client.insecureWarning", fr.client.insecureWarning],
  ] as const;
  const long = printedAsIs.flatMap(([path, node]) => laidOutLines(node, path))
    .filter(([, line]) => [...line].length > 80)
    .map(([path, line]) => `${path}: ${line}`);
  assertEquals(long, []);
});

Deno.test("the French banners of serve and serve --chat fit 80 columns, line by line", () => {
  const banners = [
    fr.server.bannerLabHint,
    fr.server.bannerChatHint,
    fr.server.bannerStop,
    fr.client.bannerHint,
  ];
  const long = banners.flatMap((text) => text.split("\n")).filter((line) => [...line].length > 80);
  assertEquals(long, []);
});

Deno.test("a French transcript's header items all start with a capital, as in English", () => {
  const items = [
    fr.record.command,
    fr.record.localAddress,
    fr.record.peerAddress,
    fr.record.version,
  ];
  assertEquals(items.filter((item) => item[0] !== item[0].toUpperCase()), []);
});

Deno.test("a busy piped server says « 1 client attend déjà son tour », « 2 clients attendent déjà leur tour »", () => {
  assertEquals(
    plain(fr.server.busy(1)),
    "* désolé, le serveur est occupé : 1 client attend déjà son tour ; réessayez plus tard",
  );
  assertEquals(
    plain(fr.server.busy(2)),
    "* désolé, le serveur est occupé : 2 clients attendent déjà leur tour ; réessayez plus tard",
  );
});

Deno.test("UDP's closing lines in French agree with their counts: « 1 datagramme envoyé », « 2 datagrammes reçus »", () => {
  const { udp } = fr;
  assertEquals(
    plain(udp.clientDone(udp.datagrams(1), udp.bytes(6), udp.datagrams(0), udp.bytes(0))),
    "terminé : 1 datagramme envoyé (6 octets), 0 datagramme reçu (0 octet)",
  );
  assertEquals(
    plain(
      udp.serverDone(udp.datagrams(2), udp.bytes(12), udp.peers(1), udp.datagrams(1), udp.bytes(3)),
    ),
    "terminé : 2 datagrammes reçus (12 octets) de 1 correspondant, 1 datagramme envoyé (3 octets)",
  );
  for (
    const line of [
      udp.droppedByKernel(udp.datagrams(1)),
      udp.stdoutStalled(udp.bytes(1)),
      udp.notWritten(udp.bytes(1)),
    ]
  ) {
    assertEquals(/1 (datagramme|octet) \S+s\b|derniers 1 /.test(line), false, line);
  }
});
