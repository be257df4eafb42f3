/** Tests for `renderPortReport` and `describeHolders`, what users read about a port. */
import { assert, assertEquals, assertMatch, assertNotMatch } from "../_helpers/assert.ts";
import type { TcpState } from "../../src/proc/tcp_state.ts";
import type { HiddenOwners, PortSocket, PortUsage } from "../../src/proc/port_socket.ts";
import type { ProcessInfo } from "../../src/proc/socket_owners.ts";
import { describeHolders, processHoldsPort, renderPortReport } from "../../src/proc/port_report.ts";
import { en } from "../../src/i18n/messages_en.ts";
import { fr } from "../../src/i18n/messages_fr.ts";

const PYTHON: ProcessInfo = { pid: 4242, command: "python3" };
const NC: ProcessInfo = { pid: 4250, command: "nc" };

function socket(
  state: TcpState,
  local: string,
  remote: string,
  owners: ProcessInfo[],
  user: string | undefined,
  inode = owners.length > 0 ? 100 : 0,
): PortSocket {
  const endpoint = (text: string) => {
    const at = text.lastIndexOf(":");
    return { address: text.slice(0, at), port: Number(text.slice(at + 1)) };
  };
  return {
    state,
    local: endpoint(local),
    remote: endpoint(remote),
    uid: 1000,
    inode,
    owners,
    user,
  };
}

function usage(sockets: PortSocket[], hiddenOwners: HiddenOwners = "none"): PortUsage {
  return { port: 7999, sockets, hiddenOwners };
}

const LISTEN = socket("LISTEN", "0.0.0.0:7999", "0.0.0.0:0", [PYTHON], "alice");
const SERVER_END = socket("ESTABLISHED", "127.0.0.1:7999", "127.0.0.1:53116", [PYTHON], "alice");
const CLIENT_END = socket("ESTABLISHED", "127.0.0.1:53116", "127.0.0.1:7999", [NC], "alice");
const TIME_WAIT = socket("TIME_WAIT", "127.0.0.1:7999", "127.0.0.1:53100", [], undefined);

Deno.test("renderPortReport() says the port is free when no socket uses it", () => {
  assertEquals(
    renderPortReport(usage([])),
    "Port 7999 is free: no TCP socket on this machine uses it.",
  );
});

Deno.test("renderPortReport() prints an aligned table, notes and the kill command when the port is held", () => {
  assertEquals(
    renderPortReport(usage([LISTEN, SERVER_END, TIME_WAIT, CLIENT_END])),
    `Port 7999 is in use:

PROTO  STATE        LOCAL            REMOTE           PID   COMMAND  USER
tcp    LISTEN       0.0.0.0:7999     0.0.0.0:*        4242  python3  alice
tcp    ESTABLISHED  127.0.0.1:7999   127.0.0.1:53116  4242  python3  alice
tcp    TIME_WAIT    127.0.0.1:7999   127.0.0.1:53100  -     -        -
tcp    ESTABLISHED  127.0.0.1:53116  127.0.0.1:7999   4250  nc       alice

Rows whose REMOTE ends in :7999 are clients of the port; they do not hold it.
TIME_WAIT sockets belong to no process: the kernel keeps them about 60 s
after a connection closes, then removes them by itself.

To free port 7999, stop the process that holds it:
  kill 4242  # python3, user alice
A TIME_WAIT socket left by an earlier tp1 serve does not stop a new one (tp1 serve lets
its port be reused at once); one left by a program that does not, such as the lab's
server.py, blocks the port for about 60 s.`,
  );
});

Deno.test("renderPortReport() brackets IPv6 addresses and gives each process of a shared socket a row", () => {
  const shared = socket("LISTEN", ":::7999", ":::0", [
    { pid: 77, command: "deno" },
    { pid: 1234, command: "tp1" },
  ], "root");
  const report = renderPortReport(usage([shared]));
  assertEquals(
    report.split("\n\n")[1],
    `PROTO  STATE   LOCAL      REMOTE  PID   COMMAND  USER
tcp    LISTEN  [::]:7999  [::]:*  77    deno     root
tcp    LISTEN  [::]:7999  [::]:*  1234  tp1      root`,
  );
  assert(report.endsWith(`stop the processes that hold it:
  kill 77    # deno, user root
  kill 1234  # tp1, user root`));
});

Deno.test("renderPortReport() says the port is free when only sockets with remote port 7999 use it", () => {
  const client = socket("ESTABLISHED", "10.0.0.4:40000", "10.0.0.5:7999", [NC], "alice");
  assertEquals(
    renderPortReport(usage([client])),
    `Port 7999 is free: no socket on this machine has it as its local port.
These sockets have it as their remote port:

PROTO  STATE        LOCAL           REMOTE         PID   COMMAND  USER
tcp    ESTABLISHED  10.0.0.4:40000  10.0.0.5:7999  4250  nc       alice`,
  );
});

Deno.test("renderPortReport() suggests sudo when another user's process holds the port and is hidden", () => {
  const hidden = socket("LISTEN", "0.0.0.0:7999", "0.0.0.0:0", [], "bob", 555);
  assertEquals(
    renderPortReport(usage([hidden], "need-root")),
    `Port 7999 is in use:

PROTO  STATE   LOCAL         REMOTE     PID  COMMAND  USER
tcp    LISTEN  0.0.0.0:7999  0.0.0.0:*  -    -        bob

A PID of "-" on a live socket means another user's process holds it;
only root can see which.

To free port 7999, first see the holder's pid with: sudo tp1 port 7999`,
  );
  const withKnown = renderPortReport(usage([LISTEN, hidden], "need-root"));
  assertMatch(
    withKnown,
    /kill 4242 {2}# python3, user alice\nOther holders belong to other users; see their pids with: sudo tp1 port 7999$/,
  );
});

Deno.test("renderPortReport() does not suggest sudo when even root may not see the holder", () => {
  const hidden = socket("LISTEN", "0.0.0.0:7999", "0.0.0.0:0", [], "root", 555);
  const report = renderPortReport(usage([hidden], "denied-to-root"));
  assertMatch(report, /means the kernel hides its process even from root\n/);
  assertMatch(report, /\n\nThe holder could not be identified, even as root\.$/);
  assertNotMatch(report, /sudo/);
});

Deno.test("renderPortReport() suggests trying again when a live socket's process was not found", () => {
  const vanished = socket("LISTEN", "0.0.0.0:7999", "0.0.0.0:0", [], "alice", 555);
  const report = renderPortReport(usage([vanished]));
  assertMatch(report, /means its process has just exited or runs in another container\./);
  assertMatch(report, /The holder's process could not be found; try again in a moment\.$/);
});

Deno.test("renderPortReport() explains pid-less sockets that are not TIME_WAIT", () => {
  const pending = socket("ESTABLISHED", "127.0.0.1:7999", "127.0.0.1:5000", [], "alice", 0);
  const report = renderPortReport(usage([LISTEN, pending]));
  assertMatch(report, /connections no program has accepted yet, or\nhas already closed/);
  assertNotMatch(report, /TIME_WAIT/);
});

Deno.test("describeHolders() names the listening process and its kill command when one holds the port", () => {
  assertEquals(
    describeHolders(usage([LISTEN, SERVER_END, TIME_WAIT, CLIENT_END])),
    "held by pid 4242 (python3, user alice) — stop it with: kill 4242",
  );
});

Deno.test("describeHolders() prefers listeners over connections when both hold the port", () => {
  const other = socket("ESTABLISHED", "127.0.0.1:7999", "127.0.0.1:6000", [NC], "alice");
  assertEquals(
    describeHolders(usage([other, LISTEN])),
    "held by pid 4242 (python3, user alice) — stop it with: kill 4242",
  );
  assertEquals(
    describeHolders(usage([other])),
    "held by pid 4250 (nc, user alice) — stop it with: kill 4250",
  );
});

Deno.test("describeHolders() lists every process when several hold the port", () => {
  const shared = socket("LISTEN", ":::7999", ":::0", [
    { pid: 1, command: "a" },
    { pid: 2, command: "b" },
    { pid: 3, command: "c" },
  ], "alice");
  assertEquals(
    describeHolders(usage([shared])),
    "held by pid 1 (a, user alice), pid 2 (b, user alice) and pid 3 (c, user alice) — stop them with: kill 1 2 3",
  );
});

Deno.test("describeHolders() suggests sudo when the holder is another user's hidden process", () => {
  const hidden = socket("LISTEN", "0.0.0.0:7999", "0.0.0.0:0", [], "bob", 555);
  assertEquals(
    describeHolders(usage([hidden], "need-root")),
    "held by a process of user bob that only root can see — run: sudo tp1 port 7999",
  );
  assertEquals(
    describeHolders(usage([hidden], "denied-to-root")),
    "held by a process of user bob that the kernel hides even from root",
  );
  assertEquals(
    describeHolders(usage([hidden], "none")),
    "held by a socket of user bob whose process could not be found",
  );
});

Deno.test("describeHolders() explains TIME_WAIT when only TIME_WAIT sockets hold the port", () => {
  assertEquals(
    describeHolders(usage([TIME_WAIT])),
    "held only by TIME_WAIT sockets, which belong to no process and disappear by themselves within about 60 s — wait a minute and try again",
  );
});

Deno.test("describeHolders() returns undefined when no socket has the port as its local port", () => {
  assertEquals(describeHolders(usage([])), undefined);
  assertEquals(
    describeHolders(
      usage([socket("ESTABLISHED", "10.0.0.4:40000", "10.0.0.5:7999", [NC], "alice")]),
    ),
    undefined,
  );
});

Deno.test("renderPortReport() calls a port with only ownerless sockets free for tp1 serve, and says why server.py is not", () => {
  const finWait = socket("FIN_WAIT2", "127.0.0.1:7999", "127.0.0.1:53101", [], undefined);
  const report = renderPortReport(usage([TIME_WAIT, finWait]), "listens");
  assertMatch(report, /^Port 7999 is free for tp1 serve \(checked by listening on it\)\.\n\n/);
  assertMatch(report, /No process holds port 7999: the TIME_WAIT, FIN_WAIT2 sockets above/);
  assertMatch(report, /would get\n"Address already in use" until they are gone, about 60 s\.$/);
  assertNotMatch(report, /in use:|kill/);
  assertEquals(processHoldsPort(usage([TIME_WAIT, finWait])), false);
  assertEquals(processHoldsPort(usage([TIME_WAIT, LISTEN])), true);
});

Deno.test("renderPortReport() says ownerless sockets block the port when listening failed", () => {
  const report = renderPortReport(usage([TIME_WAIT]), "address-in-use");
  assertMatch(report, /^Port 7999 is blocked for about 60 s more, even for tp1 serve\./);
  assertMatch(report, /use another port: tp1 serve -p 8000$/);
});

Deno.test("renderPortReport() in French keeps the table's column names and states, and speaks French around them", () => {
  const english = renderPortReport(
    usage([LISTEN, SERVER_END, TIME_WAIT, CLIENT_END]),
    undefined,
    en,
  );
  const french = renderPortReport(
    usage([LISTEN, SERVER_END, TIME_WAIT, CLIENT_END]),
    undefined,
    fr,
  );
  // Scripts read the table: it is byte for byte the same in both languages.
  assertEquals(french.split("\n\n")[1], english.split("\n\n")[1]);
  assertEquals(
    french.replaceAll("\u00a0", " ").split("\n\n").filter((_, i) => i !== 1).join("\n\n"),
    `Le port 7999 est occupé :

Les lignes dont REMOTE finit par :7999 sont des clients du port ; elles ne l'occupent pas.
Les sockets TIME_WAIT n'appartiennent à aucun processus : le noyau les garde
60 s environ après la fermeture d'une connexion, puis les supprime de lui-même.

Pour libérer le port 7999, arrêtez le processus qui l'occupe :
  kill 4242  # python3, utilisateur alice
Un TIME_WAIT laissé par un tp1 serve précédent n'empêche pas d'en lancer un
autre (tp1 serve permet de réutiliser tout de suite son port) ; laissé par un
programme qui ne le permet pas, comme le server.py du TP, il bloque le port
60 s environ.`,
  );
});

Deno.test("describeHolders() in French names the holder and the kill command", () => {
  assertEquals(
    describeHolders(usage([LISTEN]), fr)?.replaceAll("\u00a0", " "),
    "occupé par le pid 4242 (python3, utilisateur alice) — l'arrêter avec : kill 4242",
  );
});

Deno.test("renderPortReport() puts UDP sockets in the PROTO column, and names both protocols when free", () => {
  const udp: PortSocket = {
    ...socket("LISTEN", "0.0.0.0:7999", "0.0.0.0:0", [NC], "bob"),
    protocol: "udp",
    state: "UNCONN",
  };
  assertEquals(
    renderPortReport(usage([LISTEN, udp])).split("\n\n")[1],
    `PROTO  STATE   LOCAL         REMOTE     PID   COMMAND  USER
tcp    LISTEN  0.0.0.0:7999  0.0.0.0:*  4242  python3  alice
udp    UNCONN  0.0.0.0:7999  0.0.0.0:*  4250  nc       bob`,
  );
  assertEquals(
    renderPortReport({ ...usage([]), protocols: ["tcp", "udp"] }),
    "Port 7999 is free: no TCP or UDP socket on this machine uses it.",
  );
});

Deno.test("tp1 port --help shows the same table as renderPortReport() prints, in each language", () => {
  for (const m of [en, fr]) {
    const report = renderPortReport(usage([LISTEN, SERVER_END, CLIENT_END]), undefined, m);
    const table = report.split("\n").filter((line) => /^(PROTO|tcp) /.test(line));
    assertEquals(table.length, 4, report);
    const help = m.help.port.short({
      DEFAULT_PORT: 7999,
      USAGE: "",
      WATCH_INTERVAL_MS: 0,
      HELP: "",
    });
    assert(help.includes(table.map((line) => `  ${line}`).join("\n")), help);
  }
});

Deno.test("renderPortReport() says when only UDP holds the port, which leaves TCP free for tp1 serve", () => {
  const udp: PortSocket = {
    ...socket("LISTEN", "0.0.0.0:7999", "0.0.0.0:0", [NC], "bob"),
    protocol: "udp",
    state: "UNCONN",
  };
  const both = (sockets: PortSocket[]) => ({
    ...usage(sockets),
    protocols: ["tcp", "udp"] as const,
  });
  assertEquals(
    renderPortReport(both([udp])).split("\n")[0],
    "Port 7999 is in use over UDP only; over TCP it is free for tp1 serve:",
  );
  assertEquals(
    renderPortReport(both([udp]), undefined, fr).split("\n")[0].replaceAll("\u00a0", " "),
    "Le port 7999 est occupé en UDP seulement ; en TCP, il est libre pour tp1 serve :",
  );
  // TCP holds it (the lab's server.py), or only UDP was looked at: the plain verdict.
  assertEquals(renderPortReport(both([LISTEN])).split("\n")[0], "Port 7999 is in use:");
  assertEquals(renderPortReport(both([LISTEN, udp])).split("\n")[0], "Port 7999 is in use:");
  assertEquals(
    renderPortReport({ ...usage([udp]), protocols: ["udp"] }).split("\n")[0],
    "Port 7999 is in use:",
  );
});
