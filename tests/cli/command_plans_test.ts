/**
 * Each command parses its arguments into a plan (pure, no subprocess, no
 * network) before running it: these tests read the plans.
 */
import assert from "node:assert/strict";
import { parseCertCommand } from "../../src/cli/cert_command.ts";
import { parsePortCommand } from "../../src/cli/port_command.ts";
import { DEFAULT_PORT } from "../../src/core/host_port.ts";
import { UsageError } from "../../src/errors.ts";

Deno.test("tp1 port: the plan checks the shared default port, or the one given", () => {
  assert.deepEqual(parsePortCommand([]), { help: false, port: DEFAULT_PORT });
  assert.deepEqual(parsePortCommand(["8080"]), { help: false, port: 8080 });
  assert.equal(parsePortCommand(["-h"]).help, true);
});

Deno.test("tp1 port: a bad port or a second one is a usage error", () => {
  for (const args of [["0"], ["abc"], ["1", "2"], ["--nope"]]) {
    assert.throws(() => parsePortCommand(args), UsageError, args.join(" "));
  }
});

Deno.test("tp1 cert: the plan holds the directory, days, names and switches", () => {
  assert.deepEqual(
    parseCertCommand(["--out", "lab", "--name", "vm1,[::1]", "-n", "vm1", "--days", "90", "--ca"]),
    { help: false, out: "lab", days: 90, names: ["vm1", "::1"], ca: true, force: false },
  );
  // No --name: this machine's names, looked up only when the plan runs.
  assert.deepEqual(parseCertCommand(["-f"]), {
    help: false,
    out: ".",
    days: 365,
    names: undefined,
    ca: false,
    force: true,
  });
  assert.equal(parseCertCommand(["--help"]).help, true);
});

Deno.test("tp1 cert: stray arguments, bad days or names are usage errors", () => {
  for (const args of [["vm1"], ["--days", "0"], ["--name", "bad name"], ["--name", ""]]) {
    assert.throws(() => parseCertCommand(args), UsageError, args.join(" "));
  }
});
