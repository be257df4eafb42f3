import { assert, assertEquals, assertThrows } from "../_helpers/assert.ts";
/**
 * Each command parses its arguments into a plan (pure, no subprocess, no
 * network) before running it: these tests read the plans.
 */
import { parseCertCommand } from "../../src/cli/cert_command.ts";
import { parseConnectCommand } from "../../src/cli/connect_command.ts";
import { parsePortCommand } from "../../src/cli/port_command.ts";
import { parseServeCommand } from "../../src/cli/serve_command.ts";
import { DEFAULT_MAX_CLIENTS } from "../../src/room/admission.ts";
import { DEFAULT_PORT } from "../../src/core/host_port.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("tp1 port: the plan checks the shared default port, or the one given", () => {
  const both = ["tcp", "udp"] as const;
  assertEquals(parsePortCommand([]), {
    help: false,
    port: DEFAULT_PORT,
    watch: false,
    protocols: both,
  });
  assertEquals(parsePortCommand(["8080"]), {
    help: false,
    port: 8080,
    watch: false,
    protocols: both,
  });
  assertEquals(parsePortCommand(["8080", "--watch"]), {
    help: false,
    port: 8080,
    watch: true,
    protocols: both,
  });
  assertEquals(parsePortCommand(["--udp"]).protocols, ["udp"]);
  assertEquals(parsePortCommand(["--tcp"]).protocols, ["tcp"]);
  assertEquals(parsePortCommand(["-h"]).help, true);
});

Deno.test("tp1 port: a bad port or a second one is a usage error", () => {
  for (const args of [["0"], ["abc"], ["1", "2"], ["--nope"]]) {
    assertThrows(() => parsePortCommand(args), UsageError);
  }
});

Deno.test("tp1 cert: the plan holds the directory, days, names and switches", () => {
  assertEquals(
    parseCertCommand(["--out", "lab", "--name", "vm1,[::1]", "-n", "vm1", "--days", "90", "--ca"]),
    { help: false, out: "lab", days: 90, names: ["vm1", "::1"], ca: true, force: false },
  );
  // No --name: this machine's names, looked up only when the plan runs.
  assertEquals(parseCertCommand(["-f"]), {
    help: false,
    out: ".",
    days: 365,
    names: undefined,
    ca: false,
    force: true,
  });
  assertEquals(parseCertCommand(["--help"]).help, true);
});

Deno.test("tp1 cert: stray arguments, bad days or names are usage errors", () => {
  for (const args of [["vm1"], ["--days", "0"], ["--name", "bad name"], ["--name", ""]]) {
    assertThrows(() => parseCertCommand(args), UsageError);
  }
});

Deno.test("tp1 serve --udp and connect --udp: UDP plans, TCP-only options refused", () => {
  const serve = parseServeCommand(["--udp", "-p", "8000", "--deny", "10.0.0.0/8"], true);
  assert(!serve.help && "udp" in serve);
  assertEquals([serve.port, serve.security.deny], [8000, ["10.0.0.0/8"]]);
  const connect = parseConnectCommand(["--udp", "vm1", "--broadcast", "--linger", "2"]);
  assert(!connect.help && "udp" in connect);
  assertEquals([connect.broadcast, connect.lingerMs], [true, 2000]);
  assertThrows(() => parseServeCommand(["--udp", "--tls"], true), UsageError);
  assertThrows(() => parseConnectCommand(["--udp", "vm1", "--wait"]), UsageError);
  assertThrows(() => parseConnectCommand(["vm1", "--broadcast"]), UsageError);
});

Deno.test("tp1 serve: the plan holds the checked options; files and passwords wait for the run", () => {
  const plan = parseServeCommand(
    ["--chat", "-p", "8000", "--max-line", "4k", "--idle", "30", "--allow", "10.0.0.0/8", "--crlf"],
    true,
  );
  assert(!plan.help && !("udp" in plan));
  assertEquals(
    {
      port: plan.port,
      host: plan.host,
      chat: plan.chat,
      interactive: plan.interactive,
      once: plan.once,
      crlf: plan.crlf,
      maxClients: plan.maxClients,
      maxLineBytes: plan.maxLineBytes,
      idleMs: plan.idleMs,
      allow: plan.security.allow,
    },
    {
      port: 8000,
      host: undefined,
      chat: true,
      interactive: true,
      once: false,
      crlf: true,
      maxClients: DEFAULT_MAX_CLIENTS,
      maxLineBytes: 4096,
      idleMs: 30_000,
      allow: ["10.0.0.0/8"],
    },
  );
  const piped = parseServeCommand(["-k", "--max-waiting", "4"], false);
  assert(!piped.help && !("udp" in piped));
  assertEquals(
    [piped.port, piped.interactive, piped.keepOpen, piped.maxWaiting],
    [DEFAULT_PORT, false, true, 4],
  );
  assertEquals(parseServeCommand(["-h"], false), { help: true });
});

Deno.test("tp1 serve: contradictions and room options in piped mode are usage errors", () => {
  const cases: [string[], boolean][] = [
    [["--once", "-k"], true],
    [["extra"], true],
    [["--max-clients", "4"], false],
    [["--max-line", "12"], true],
    [["-p", "0"], true],
    [["--chat", "--max-waiting", "4"], false],
  ];
  for (const [args, interactive] of cases) {
    assertThrows(() => parseServeCommand(args, interactive), UsageError);
  }
  // The room's options are fine in piped mode with --chat.
  assertEquals(parseServeCommand(["--chat", "--max-clients", "4"], false).help, false);
});

Deno.test("tp1 connect: the plan holds the target and the checked options", () => {
  const plan = parseConnectCommand(["vm1", "8000", "--wait", "20", "--idle", "5", "--tls"]);
  assert(!plan.help && !("udp" in plan));
  assertEquals(
    [plan.target, plan.timeoutMs, plan.wait, plan.waitMs, plan.idleMs, plan.security.tls],
    [{ host: "vm1", port: 8000 }, 10_000, true, 20_000, 5_000, true],
  );
  const plain = parseConnectCommand(["-p", "9000", "192.168.100.4", "--wait", "--crlf"]);
  assert(!plain.help && !("udp" in plain));
  assertEquals(
    [plain.target, plain.wait, plain.waitMs, plain.crlf],
    [{ host: "192.168.100.4", port: 9000 }, true, undefined, true],
  );
  const first = parseConnectCommand(["localhost"]);
  assert(!first.help);
  assertEquals(first.target.port, DEFAULT_PORT);
  assertEquals(parseConnectCommand(["--help"]), { help: true });
});

Deno.test("tp1 connect: no host, extra words, the port twice are usage errors", () => {
  for (const args of [[], ["a", "1", "x"], ["a", "1", "-p", "2"], ["a", "--timeout", "soon"]]) {
    assertThrows(() => parseConnectCommand(args), UsageError);
  }
});
