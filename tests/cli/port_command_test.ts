/**
 * Tests for `tp1 port`: argument checking and exit codes in-process, and the
 * real `main.ts` in a subprocess.
 */
import { assertEquals, assertMatch, assertNotMatch, assertRejects } from "../_helpers/assert.ts";
import { portCommand } from "../../src/cli/port_command.ts";
import { UsageError } from "../../src/errors.ts";
import { runTp1 } from "../_helpers/tp1.ts";
import { hasCommand } from "../_helpers/permissions.ts";

import { canReadProc, canRun } from "../proc/_proc_access.ts";

const onLinux = Deno.build.os === "linux";
const hasPython = canRun && hasCommand("python3");

// Runs the command in-process and captures what it prints, since the command
// writes its report with console.log like every tp1 command.
async function runCaptured(args: string[]): Promise<{ code: number; stdout: string }> {
  const printed: string[] = [];
  const original = console.log;
  console.log = (...parts: unknown[]) => printed.push(parts.join(" "));
  try {
    const code = await portCommand.run(args);
    return { code, stdout: printed.join("\n") };
  } finally {
    console.log = original;
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

Deno.test("portCommand.run() throws a UsageError with the usage line when the arguments are wrong", async () => {
  const cases: [string[], string][] = [
    [["abc"], 'port must be a whole number from 1 to 65535, got "abc"'],
    [["0"], 'port must be a whole number from 1 to 65535, got "0"'],
    [["70000"], 'port must be a whole number from 1 to 65535, got "70000"'],
    [["7999", "8000"], 'expected at most one PORT, got "7999" "8000"'],
    [["--bogus"], 'unknown option "--bogus"'],
    [["-x"], 'unknown option "-x"'],
    [["-5"], 'port must be a whole number from 1 to 65535, got "-5"'],
    [["--help=yes"], '--help takes no value (got "--help=yes"); write just --help'],
  ];
  for (const [args, message] of cases) {
    const error = await assertRejects(() => portCommand.run(args), UsageError);
    assertEquals(error.message, message);
    assertEquals((error as UsageError).usage, "tp1 port [--tcp | --udp] [PORT] [--watch]");
  }
});

Deno.test("portCommand.run() prints the help and returns 0 when given --help or -h", async () => {
  for (const flag of ["--help", "-h"]) {
    const { code, stdout } = await runCaptured([flag]);
    assertEquals(code, 0);
    assertEquals(stdout, portCommand.help);
  }
  assertMatch(portCommand.help, /^tp1 port — /);
  assertMatch(portCommand.help, /Usage: tp1 port \[--tcp \| --udp\] \[PORT\]/);
  assertMatch(portCommand.help, /0 {2}tp1 serve can listen on the port\n {2}1 {2}a process holds/);
});

Deno.test({
  name:
    "portCommand.run() returns 1 and names this process when it holds the port (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  const { code, stdout } = await runCaptured([String(port)]);
  assertEquals(code, 1);
  assertMatch(
    stdout,
    new RegExp(`^Port ${port} is in use:\n\nPROTO +STATE +LOCAL +REMOTE +PID +COMMAND +USER\n`),
  );
  assertMatch(
    stdout,
    new RegExp(`^tcp +LISTEN +127\\.0\\.0\\.1:${port} +0\\.0\\.0\\.0:\\* +${Deno.pid} `, "m"),
  );
  assertMatch(stdout, new RegExp(`^ {2}kill ${Deno.pid} +# `, "m"));
});

Deno.test({
  name: "portCommand.run() returns 0 and says so when the port is free (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  const port = freePort();
  const { code, stdout } = await runCaptured([String(port)]);
  assertEquals(code, 0, stdout);
  // Not the whole text: a closed connection to an earlier listener on this port number
  // may linger as a TIME_WAIT with it as the remote port, which is listed too.
  assertMatch(stdout, new RegExp(`^Port ${port} is free: no `));
});

Deno.test({
  name: "tp1 port exits 1 naming the holder and 0 once it is gone (needs --allow-run)",
  ignore: !canRun || !onLinux,
}, async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  try {
    const busy = await runTp1(["port", String(port)]);
    assertEquals(busy.code, 1, busy.stderr);
    assertEquals(busy.stderr, "");
    assertMatch(busy.stdout, new RegExp(`^Port ${port} is in use:\n`));
    assertMatch(busy.stdout, new RegExp(`^ {2}kill ${Deno.pid} +# `, "m"));
  } finally {
    listener.close();
  }
  const free = await runTp1(["port", String(port)]);
  assertEquals(free.code, 0, free.stderr);
  assertMatch(free.stdout, new RegExp(`^Port ${port} is free: no `));
});

Deno.test({
  name: "tp1 port exits 2 with the usage line when the port is not a number (needs --allow-run)",
  ignore: !canRun,
}, async () => {
  const { code, stdout, stderr } = await runTp1(["port", "abc"]);
  assertEquals(code, 2);
  assertEquals(stdout, "");
  assertEquals(
    stderr,
    'error: port must be a whole number from 1 to 65535, got "abc"\nusage: tp1 port [--tcp | --udp] [PORT] [--watch]\n',
  );
});

/** Leaves a TIME_WAIT socket with local port `port`: the server side closes first. */
async function leaveTimeWait(): Promise<number> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  const client = await Deno.connect({ hostname: "127.0.0.1", port });
  const accepted = await listener.accept();
  accepted.close();
  // The client reads the end of stream, then closes: the server side is now in TIME_WAIT.
  assertEquals(await client.read(new Uint8Array(1)), null);
  client.close();
  listener.close();
  return port;
}

Deno.test({
  name:
    "portCommand.run() returns 0 when only a TIME_WAIT left by a tp1-like server remains (needs --allow-all)",
  ignore: !canReadProc,
}, async () => {
  // Before: "Port N is in use:" and exit 1, though tp1 serve could listen on it.
  const port = await leaveTimeWait();
  const { code, stdout } = await runCaptured([String(port)]);
  assertEquals(code, 0, stdout);
  assertMatch(stdout, new RegExp(`^Port ${port} is free for tp1 serve \\(checked by listening`));
  assertMatch(stdout, /^tcp +TIME_WAIT +127\.0\.0\.1:\d+ /m);
  assertMatch(stdout, /the lab's server\.py, which does not, would get\n"Address already in use"/);
  assertMatch(stdout, /about 60 s/);
  // And it really can: what the report promised.
  Deno.listen({ hostname: "::", port }).close();
});

Deno.test({
  name:
    "portCommand.run() returns 1 when a TIME_WAIT left by a server without SO_REUSEADDR blocks the port (needs --allow-all, python3)",
  ignore: !canReadProc || !hasPython,
}, async () => {
  // The lab's server.py: no SO_REUSEADDR, and it closes the connection first.
  const script = [
    "import socket",
    "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(); port = s.getsockname()[1]",
    "c = socket.create_connection(('127.0.0.1', port)); a, _ = s.accept(); a.close()",
    "c.recv(1); c.close(); s.close(); print(port)",
  ].join("\n");
  const py = new Deno.Command("python3", { args: ["-c", script], stdout: "piped" });
  const port = Number(new TextDecoder().decode((await py.output()).stdout).trim());
  const { code, stdout } = await runCaptured([String(port)]);
  assertEquals(code, 1, stdout);
  assertMatch(
    stdout,
    new RegExp(`^Port ${port} is blocked for about 60 s more, even for tp1 serve\\.`),
  );
  assertMatch(stdout, /did not let its port be reused at once\n\(such as the lab's server\.py\)/);
  assertMatch(stdout, /use another port: tp1 serve -p \d+/);
});

Deno.test({
  name: "portCommand.run() names this process holding a UDP port, and --tcp leaves it out",
  ignore: !canReadProc,
}, async () => {
  const { UdpSocket } = await import("../../src/udp/udp_socket.ts");
  const socket = UdpSocket.open("IPv4");
  try {
    socket.bind("127.0.0.1", 0);
    const { port } = socket.localEndpoint();
    const both = await runCaptured([String(port)]);
    assertEquals(both.code, 1, both.stdout);
    assertMatch(
      both.stdout,
      new RegExp(`^udp +UNCONN +127\\.0\\.0\\.1:${port} +0\\.0\\.0\\.0:\\* +${Deno.pid} `, "m"),
    );
    assertMatch(both.stdout, new RegExp(`^ {2}kill ${Deno.pid} +# `, "m"));
    const udp = await runCaptured(["--udp", String(port)]);
    assertEquals(udp.code, 1);
    // The same number may be in use in TCP (another test's leftovers): only UDP must be gone.
    const tcp = await runCaptured(["--tcp", String(port)]);
    assertNotMatch(tcp.stdout, /^udp /m);
    assertNotMatch(tcp.stdout, new RegExp(`^ {2}kill ${Deno.pid} `, "m"));
  } finally {
    socket.close();
  }
});
