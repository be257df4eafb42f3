/**
 * `tp1 port PORT --watch` end to end: a scripted Python server and client on
 * loopback (tests/fixtures/watch_lab.py) go through a whole connection while
 * tp1 watches; LISTEN, ESTABLISHED, the closing states and TIME_WAIT must be
 * printed in order, with the processes' names, and Ctrl-C ends it with status 0.
 */
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";
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
    await using lab = new ChildProcess("python3", [fixturePath("watch_lab.py"), String(port)], {
      stdin: "null",
    });
    await lab.waitForStdout("done", 15_000);
    await watch.waitForStdout(/TIME_WAIT .*\n.*→ fermeture: the client closed first/);
    watch.kill("SIGINT");
    const { code, stdout } = await watch.finished();
    assertEquals(code, 0, stdout);

    const changes = stdout.split("\n").filter((line) => /^\d\d:\d\d:\d\d\.\d{3}  /.test(line));
    const serverSide = `127.0.0.1:${port} `;
    const find = (state: string, side: "server" | "client") =>
      changes.findIndex((line) =>
        line.includes(` ${state} `) &&
        (side === "server"
          ? line.includes(`  ${serverSide}`)
          : line.includes(`127.0.0.1:${port}  `) || line.endsWith(`127.0.0.1:${port}`))
      );
    const listen = find("LISTEN", "server");
    const established = find("ESTABLISHED", "server");
    const finWait = changes.findIndex((line) => /FIN_WAIT[12] /.test(line));
    const closeWait = find("CLOSE_WAIT", "server");
    const timeWait = changes.findIndex((line) => / TIME_WAIT /.test(line));
    const order = [listen, established, finWait, closeWait, timeWait];
    assertEquals(order.every((i) => i !== -1), true, `missing a state in:\n${stdout}`);
    assertEquals([...order].sort((a, b) => a - b), order, `out of order:\n${stdout}`);
    // Owners: the server's sockets are python3's (the lab script); TIME_WAIT has none.
    assertIncludes(changes[listen], `${lab.pid} python3`);
    assertIncludes(changes[established], `${lab.pid} python3`);
    assertIncludes(changes[finWait], "python3");
    assertIncludes(changes[timeWait], "no process");
    assertIncludes(stdout, "→ établissement done");
    assertIncludes(stdout, "→ fermeture: the client closed first (sent FIN)");
    assertIncludes(stdout, "→ fermeture: the server received the client's FIN");
  },
});
