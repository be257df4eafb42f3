/** socket_watch.ts: two snapshots of a port compared, and each change put into words. */
import { assertEquals, assertIncludes, assertNotIncludes } from "../_helpers/assert.ts";
import type { TcpSocketEntry } from "../../src/proc/proc_net_tcp.ts";
import type { TcpState } from "../../src/proc/tcp_state.ts";
import {
  describePhase,
  diffSnapshots,
  formatChange,
  linesForPort,
  snapshotOf,
} from "../../src/proc/socket_watch.ts";
import { fr } from "../../src/i18n/messages_fr.ts";

const PORT = 7999;

function socket(state: TcpState, local: number, remote: number, inode = 100): TcpSocketEntry {
  return {
    state,
    local: { address: "127.0.0.1", port: local },
    remote: { address: remote === 0 ? "0.0.0.0" : "127.0.0.1", port: remote },
    uid: 1000,
    inode,
  };
}

const snap = (...entries: TcpSocketEntry[]) => snapshotOf(entries, PORT);

Deno.test("linesForPort() keeps the lines whose local or remote port is PORT, and no others", () => {
  const text = [
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
    "   0: 0100007F:1F3F 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 11 1",
    "   1: 0100007F:C350 0100007F:1F3F 01 00000000:00000000 02:00001F3F 00000000  1000        0 12 1",
    "   2: 0100007F:0016 00000000:0000 0A 00001F3F:00000000 00:00000000 00000000     0        0 13 1",
  ].join("\n");
  assertEquals(linesForPort(text, 7999).split("\n").map((line) => line.trim().split(" ")[0]), [
    "0:",
    "1:",
  ]);
});

Deno.test("snapshotOf() keeps only the sockets of the port, local or remote", () => {
  const s = snapshotOf([
    socket("LISTEN", PORT, 0),
    socket("ESTABLISHED", 5000, PORT),
    socket("LISTEN", 22, 0),
  ], PORT);
  assertEquals([...s.keys()], ["127.0.0.1:7999 0.0.0.0:*", "127.0.0.1:5000 127.0.0.1:7999"]);
});

Deno.test("diffSnapshots() reports new, changed and gone sockets, and nothing when nothing changed", () => {
  const before = snap(socket("LISTEN", PORT, 0, 1), socket("ESTABLISHED", 5000, PORT, 2));
  assertEquals(diffSnapshots(before, before), []);
  const after = snap(
    socket("LISTEN", PORT, 0, 1),
    socket("FIN_WAIT1", 5000, PORT, 2),
    socket("ESTABLISHED", 5001, PORT, 3),
  );
  const changes = diffSnapshots(before, after).map((c) => [c.socket.local.port, c.before, c.after]);
  assertEquals(changes, [[5001, undefined, "ESTABLISHED"], [5000, "ESTABLISHED", "FIN_WAIT1"]]);
  const gone = diffSnapshots(after, snap(socket("LISTEN", PORT, 0, 1)));
  assertEquals(gone.map((c) => [c.socket.local.port, c.before, c.after]), [
    [5000, "FIN_WAIT1", undefined],
    [5001, "ESTABLISHED", undefined],
  ]);
});

Deno.test("diffSnapshots() tells changes seen together in TCP's order: the first FIN before the CLOSE_WAIT it causes", () => {
  const before = snap(socket("ESTABLISHED", PORT, 5000, 1), socket("ESTABLISHED", 5000, PORT, 2));
  const after = snap(socket("CLOSE_WAIT", PORT, 5000, 1), socket("FIN_WAIT2", 5000, PORT, 2));
  assertEquals(diffSnapshots(before, after).map((c) => c.after), ["FIN_WAIT2", "CLOSE_WAIT"]);
});

Deno.test("diffSnapshots() sees a new socket under the same addresses (new inode) as gone and new", () => {
  const changes = diffSnapshots(
    snap(socket("ESTABLISHED", 5000, PORT, 2)),
    snap(socket("ESTABLISHED", 5000, PORT, 9)),
  );
  assertEquals(changes.map((c) => [c.before, c.after]), [[undefined, "ESTABLISHED"], [
    "ESTABLISHED",
    undefined,
  ]]);
});

Deno.test("describePhase() names the phase and the side that closed first", () => {
  const phase = (state: TcpState | undefined, local: number, remote: number, before?: TcpState) =>
    describePhase({ before, after: state, socket: socket(state ?? before!, local, remote) }, PORT);
  assertIncludes(phase("LISTEN", PORT, 0)!, "the server listens");
  assertIncludes(phase("SYN_SENT", 5000, PORT)!, "établissement: the client sent SYN");
  assertIncludes(phase("ESTABLISHED", 5000, PORT)!, "établissement done on the client's side");
  assertIncludes(phase("FIN_WAIT1", 5000, PORT)!, "fermeture: the client closed first (sent FIN)");
  assertIncludes(phase("FIN_WAIT1", PORT, 5000)!, "fermeture: the server closed first (sent FIN)");
  assertIncludes(phase("CLOSE_WAIT", PORT, 5000)!, "the client closed first");
  // FIN_WAIT1 passed between two readings: who closed first is still said.
  assertIncludes(
    phase("FIN_WAIT2", 5000, PORT, "ESTABLISHED")!,
    "fermeture: the client closed first (sent FIN)",
  );
  assertNotIncludes(phase("FIN_WAIT2", 5000, PORT, "FIN_WAIT1")!, "closed first");
  assertIncludes(
    phase("TIME_WAIT", 5000, PORT)!,
    "the client closed first, so its end waits in TIME_WAIT",
  );
  assertIncludes(phase(undefined, 5000, PORT, "TIME_WAIT")!, "TIME_WAIT over");
  assertIncludes(phase(undefined, PORT, 0, "LISTEN")!, "the server stopped listening");
  assertIncludes(phase(undefined, PORT, 5000, "ESTABLISHED")!, "the server's end is closed");
  assertEquals(phase(undefined, 5000, PORT, "SYN_SENT"), undefined);
});

Deno.test("formatChange() shows the time, state, both addresses, the process and the state before", () => {
  assertEquals(
    formatChange("10:00:00.001", {
      before: "ESTABLISHED",
      after: "FIN_WAIT1",
      socket: socket("FIN_WAIT1", 5000, PORT),
    }, [
      { pid: 42, command: "nc" },
    ]),
    "10:00:00.001  FIN_WAIT1    127.0.0.1:5000         127.0.0.1:7999         42 nc  (was ESTABLISHED)",
  );
  assertIncludes(
    formatChange(
      "10:00:00.001",
      { after: "TIME_WAIT", socket: socket("TIME_WAIT", 5000, PORT, 0) },
      undefined,
    ),
    "TIME_WAIT    127.0.0.1:5000         127.0.0.1:7999         -  (no process: the kernel keeps it)  (new)",
  );
});

Deno.test("describePhase() in French uses the class's words: poignée de main en trois temps, fermeture", () => {
  const phase = (state: TcpState | undefined, local: number, remote: number, before?: TcpState) =>
    describePhase(
      { before, after: state, socket: socket(state ?? before!, local, remote) },
      PORT,
      fr,
    )!.replaceAll("\u00a0", " ");
  assertIncludes(
    phase("SYN_SENT", 5000, PORT),
    "établissement : le client a envoyé SYN (étape 1 de la poignée de main en trois temps)",
  );
  assertIncludes(phase("FIN_WAIT1", PORT, 5000), "fermeture : le serveur a fermé le premier");
  assertIncludes(phase("CLOSE_WAIT", PORT, 5000), "le serveur a reçu le FIN du client");
});
