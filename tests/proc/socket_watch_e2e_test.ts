/**
 * `tp1 port PORT --watch` end to end: a scripted Python server and client on
 * loopback (tests/fixtures/watch_lab.py) go through a whole connection while
 * tp1 watches; LISTEN, ESTABLISHED, the closing states and TIME_WAIT must be
 * printed in order, with the processes' names, and Ctrl-C ends it with status 0.
 * The lab takes each step only once the watch has printed the states of the
 * last: a state held for a fixed time can pass between two readings when the
 * machine is loaded (a whole connection once did, under a parallel test run).
 */
import {
  assertEquals,
  assertIncludes,
  assertMatch,
  assertNotIncludes,
} from "../_helpers/assert.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import { fixturePath } from "../_helpers/fixtures.ts";
import { freePort } from "../_helpers/free_port.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { spawnTp1 } from "../_helpers/tp1.ts";

Deno.test({
  name:
    "tp1 port --watch prints a connection's states in order, with pid and command, and the phases",
  ignore: !hasCommand("python3"),
  async fn() {
    const port = freePort();
    await using watch = spawnTp1(["port", String(port), "--watch"], { stdin: "null" });
    await watch.waitForStdout(`watching TCP port ${port}`);
    await using lab = new ChildProcess("python3", [fixturePath("watch_lab.py"), String(port)]);
    const local = String.raw`127\.0\.0\.1:${port}`;
    const ends = {
      listener: String.raw`${local} +0\.0\.0\.0:\*`,
      server: String.raw`${local} +127\.0\.0\.1:\d+`,
      client: String.raw`127\.0\.0\.1:\d+ +${local}`,
    };
    /** Waits for the watch to print `state` for the listener, the server's end or the client's. */
    const seen = (state: string, end: keyof typeof ends) =>
      // A socket left on this port number by an earlier test is "(already there)": not ours.
      watch.waitForStdout(
        new RegExp(String.raw`  ${state} +${ends[end]} .*\((new|was [A-Z_0-9]+)\)$`, "m"),
      );
    /** Waits for the lab to finish `step` and the watch to print `states`, then lets it go on. */
    const step = async (name: string, ...states: [string, keyof typeof ends][]) => {
      await lab.waitForStdout(`${name}\n`);
      for (const [state, end] of states) await seen(state, end);
      await lab.write("next\n");
    };
    await step("listening", ["LISTEN", "listener"]);
    await step("connected", ["ESTABLISHED", "server"], ["ESTABLISHED", "client"]);
    await step("client-closed", ["CLOSE_WAIT", "server"], ["FIN_WAIT2", "client"]);
    await step("server-closed", ["gone", "server"], ["TIME_WAIT", "client"]);
    await lab.waitForStdout("done");
    await watch.waitForStdout("→ the server stopped listening");
    watch.kill("SIGINT");
    const { code, stdout } = await watch.finished();
    assertEquals(code, 0, stdout);

    // Sockets left by earlier tests on this port number were there before: not ours.
    const changes = stdout.split("\n").filter((line) =>
      /^\d\d:\d\d:\d\d\.\d{3} {2}/.test(line) && !line.endsWith("(already there)")
    );
    // Each end's own states are in order; the two ends are read apart, so only each end's order is sure.
    const words = (line: string) => line.slice(14).trimStart().split(/\s+/);
    const listener = changes.filter((line) => words(line)[2] === "0.0.0.0:*");
    const serverEnd = changes.filter((line) =>
      words(line)[1] === `127.0.0.1:${port}` && words(line)[2] !== "0.0.0.0:*"
    );
    const clientEnd = changes.filter((line) =>
      line.slice(14).trimStart().split(/\s+/)[2] === `127.0.0.1:${port}`
    );
    const states = (lines: string[]) =>
      lines.map((line) => line.slice(14).trimStart().split(/\s+/)[0]);
    assertEquals(
      states(serverEnd).filter((s) => s !== "LAST_ACK"),
      ["ESTABLISHED", "CLOSE_WAIT", "gone"],
      stdout,
    );
    assertEquals(
      states(clientEnd).filter((s) => s !== "SYN_SENT" && s !== "FIN_WAIT1"),
      ["ESTABLISHED", "FIN_WAIT2", "TIME_WAIT"],
      stdout,
    );
    // Owners: the server's end is the lab script's, the client's end its child's; TIME_WAIT has none.
    assertEquals(states(listener), ["LISTEN", "gone"], stdout);
    assertIncludes(listener[0], `${lab.pid} python3`);
    assertIncludes(serverEnd[0], `${lab.pid} python3`);
    // The listener opened first, the server's end closed before the listener went.
    assertEquals(changes.indexOf(listener[0]) < changes.indexOf(serverEnd[0]), true);
    assertMatch(clientEnd[0], /\d+ python3/);
    assertNotIncludes(clientEnd[0], `${lab.pid} python3`);
    assertIncludes(clientEnd.at(-1)!, "no process");
    assertIncludes(stdout, "→ établissement done");
    assertIncludes(stdout, "→ fermeture: the client closed first (sent FIN)");
    assertIncludes(stdout, "→ fermeture: the server received the client's FIN");
  },
});
