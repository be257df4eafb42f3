/**
 * End to end, the command line: help, exit codes 0/1/2 and the one-sentence
 * errors, from the real `main.ts` in a subprocess.
 */
import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import { freePort } from "../_helpers/free_port.ts";
import { canRun, canUnshareNetwork, hasCommand } from "../_helpers/permissions.ts";
import { MAIN_TS, runTp1 } from "../_helpers/tp1.ts";
import { ChildProcess } from "../_helpers/child_process.ts";
import denoConfig from "../../deno.json" with { type: "json" };

const ignore = !canRun;

for (const command of ["serve", "connect", "port"]) {
  Deno.test({
    name:
      `tp1 ${command} --help and tp1 help ${command} print the command's help and exit 0 (needs --allow-run)`,
    ignore,
  }, async () => {
    for (const args of [[command, "--help"], [command, "-h"], ["help", command]]) {
      const { code, stdout, stderr } = await runTp1(args);
      assertEquals(code, 0, stderr);
      assertEquals(stderr, "");
      assertMatch(stdout, new RegExp(`^tp1 ${command} — `));
      assertIncludes(stdout, `Usage: tp1 ${command}`);
      // The short help ends by saying where the rest is; the whole help has the exit statuses.
      if (args[0] === "help") assertIncludes(stdout, "Exit status");
    }
  });
}

Deno.test({
  name:
    "tp1 --help lists every command and exits 0 when asked with any spelling (needs --allow-run)",
  ignore,
}, async () => {
  for (const args of [[], ["--help"], ["-h"], ["help"]]) {
    const { code, stdout, stderr } = await runTp1(args);
    assertEquals(code, 0, stderr);
    assertMatch(stdout, /^tp1 \d+\.\d+\.\d+ — /);
    for (const command of ["serve", "connect", "port"]) {
      assertMatch(stdout, new RegExp(`^  ${command} +\\S`, "m"));
    }
  }
});

Deno.test({
  name: "tp1 --version prints the version from deno.json and exits 0 (needs --allow-run)",
  ignore,
}, async () => {
  const { version } = denoConfig;
  for (const flag of ["--version", "-V"]) {
    const { code, stdout } = await runTp1([flag]);
    assertEquals(code, 0);
    assertEquals(stdout, `tp1 ${version}\n`);
  }
});

/** Command lines a user may get wrong, and the first line of the error they should read. */
const USAGE_ERRORS: [string[], string][] = [
  [["bogus"], 'error: unknown command "bogus"'],
  [["--bogus"], 'error: unknown option "--bogus"'],
  [["serve", "8000"], 'error: unexpected argument "8000" (use -p PORT to choose the port)'],
  [["serve", "-p", "0"], 'error: port must be a whole number from 1 to 65535, got "0"'],
  [["serve", "-p", "http"], 'error: port must be a whole number from 1 to 65535, got "http"'],
  [["serve", "-p"], "error: -p needs a value"],
  [["serve", "--nope"], 'error: unknown option "--nope"'],
  [["serve", "--once", "-k"], "error: --once and --keep-open contradict each other; choose one"],
  [["connect"], "error: which host? give the server's address, e.g. tp1 connect 192.168.100.4"],
  [["connect", "vm1", "80", "extra"], 'error: unexpected argument "extra"'],
  [["connect", "vm1:80", "-p", "81"], "error: two different ports were given: 80 and 81"],
  [["connect", "vm1", "70000"], 'error: port must be a whole number from 1 to 65535, got "70000"'],
  [["connect", "[::1"], 'error: "[::1" is missing its closing "]"'],
  [["connect", ":80"], 'error: the host is empty in ":80"'],
  [
    ["connect", "vm1", "--timeout", "0"],
    'error: --timeout takes a number of seconds above 0, got "0"',
  ],
  [["port", "abc"], 'error: port must be a whole number from 1 to 65535, got "abc"'],
];

Deno.test({
  name:
    "tp1 exits 2 with one error line and the usage line when the command line is wrong (needs --allow-run)",
  ignore,
}, async () => {
  for (const [args, expected] of USAGE_ERRORS) {
    const { code, stdout, stderr } = await runTp1(args);
    const shown = `tp1 ${args.join(" ")}: ${JSON.stringify(stderr)}`;
    assertEquals(code, 2, shown);
    assertEquals(stdout, "", shown);
    const lines = stderr.trimEnd().split("\n");
    assertEquals(lines.length, 2, shown);
    assertEquals(lines[0], expected, shown);
    const command = ["serve", "connect", "port"].includes(args[0]) ? args[0] : "<serve";
    assertIncludes(lines[1], `usage: tp1 ${command}`, shown);
  }
});

Deno.test({
  name: "tp1 connect exits 1 with the refused sentence when nobody listens (needs --allow-run)",
  ignore,
}, async () => {
  const port = freePort();
  const { code, stdout, stderr } = await runTp1(["connect", "127.0.0.1", String(port)]);
  assertEquals(code, 1);
  assertEquals(stdout, "");
  assertEquals(
    stderr,
    `error: nobody is listening on 127.0.0.1:${port} (connection refused); start the server there with: tp1 serve -p ${port}\n`,
  );
});

Deno.test({
  name: "tp1 serve exits 1 naming the holder when the port is in use (needs --allow-run)",
  ignore,
}, async () => {
  using holder = Deno.listen({ hostname: "0.0.0.0", port: 0 });
  const { port } = holder.addr;
  for (
    const args of [["serve", "-p", String(port)], [
      "serve",
      "-p",
      String(port),
      "--host",
      "127.0.0.1",
    ]]
  ) {
    const { code, stdout, stderr } = await runTp1(args);
    assertEquals(code, 1, stderr);
    assertEquals(stdout, "");
    assertMatch(
      stderr,
      new RegExp(
        `^error: port ${port} is already in use: held by pid ${Deno.pid} \\(deno[^)]*\\) — stop it with: kill ${Deno.pid}; or pick another port with -p\n$`,
      ),
    );
  }
});

Deno.test({
  name: "tp1 serve exits 1 when --host is not an address of this machine (needs --allow-run)",
  ignore,
}, async () => {
  const { code, stderr } = await runTp1([
    "serve",
    "--host",
    "203.0.113.7",
    "-p",
    String(freePort()),
  ]);
  assertEquals(code, 1);
  assertEquals(
    stderr,
    "error: 203.0.113.7 is not an address of this machine; leave out --host to listen on every interface\n",
  );
});

const canFakeDns = canRun && hasCommand("python3") && hasCommand("ip") && canUnshareNetwork();

Deno.test({
  name: "tp1 connect exits 1 with the unknown-host sentence when the name does not resolve " +
    "(needs --allow-run, root for unshare -nm, ip and python3)",
  ignore: !canFakeDns,
}, async () => {
  // A private network namespace whose only DNS server answers "no such name":
  // no query ever leaves the machine.
  const fixtures = new URL("../fixtures/", import.meta.url);
  const path = (name: string) => decodeURIComponent(new URL(name, fixtures).pathname);
  const script = [
    "ip link set lo up",
    `mount --bind "$1" /etc/resolv.conf`,
    `exec python3 "$2" -- "$3" run --allow-all "$4" connect no-such-host.invalid 7999`,
  ].join(" && ");
  await using namespaced = new ChildProcess("unshare", [
    "-nm",
    "--propagation",
    "private",
    "sh",
    "-c",
    script,
    "sh",
    path("loopback_resolv.conf"),
    path("nxdomain_dns.py"),
    Deno.execPath(),
    MAIN_TS,
  ], { stdin: "null" });
  const { code, stderr } = await namespaced.finished();
  assertEquals(
    stderr,
    'error: unknown host "no-such-host.invalid": the name does not resolve; check the spelling or use an IP address\n',
  );
  assertEquals(code, 1);
});
