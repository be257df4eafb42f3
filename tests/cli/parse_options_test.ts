/** tp1's own option parser: values, optional values, and errors in tp1's words. */
import { assertEquals, assertThrows } from "../_helpers/assert.ts";
import { parseOptions } from "../../src/cli/parse_options.ts";
import { UsageError } from "../../src/errors.ts";

const OPTIONS = {
  port: { type: "string", short: "p" },
  timeout: { type: "string" },
  wait: { type: "string", optional: { bare: "forever", next: /^\d+(\.\d+)?$/ } },
  ca: { type: "string", multiple: true },
  tls: { type: "boolean" },
  verbose: { type: "boolean", short: "v" },
  "keep-open": { type: "boolean", short: "k" },
} as const;

const parse = (...args: string[]) => parseOptions(args, OPTIONS, "tp1 test");

Deno.test("parseOptions() reads long, short, attached and repeated options", () => {
  const { values, positionals } = parse("h", "--port", "80", "-kv", "--ca=a", "--ca", "b", "x");
  assertEquals(values, { port: "80", "keep-open": true, verbose: true, ca: ["a", "b"] });
  assertEquals(positionals, ["h", "x"]);
  assertEquals(parse("-p8000").values.port, "8000");
  assertEquals(parse("--", "--tls").positionals, ["--tls"]);
});

Deno.test("parseOptions() takes a number after --wait as its value, and nothing else", () => {
  assertEquals(parse("--wait", "20", "vm1", "8000"), {
    values: { wait: "20" },
    positionals: ["vm1", "8000"],
  });
  assertEquals(parse("--wait", "vm1").values.wait, "forever");
  assertEquals(parse("vm1", "--wait").values.wait, "forever");
  assertEquals(parse("--wait=2.5").values.wait, "2.5");
});

Deno.test("parseOptions() gives a value starting with '-' to an option that needs one", () => {
  // node:util said: option "-p" argument is ambiguous. Did you forget to specify…
  assertEquals(parse("-p", "-5").values.port, "-5");
  assertEquals(parse("--port", "-5").values.port, "-5");
});

Deno.test("parseOptions() words every mistake itself, as a UsageError", () => {
  const cases: [string[], string][] = [
    [["--nope"], 'unknown option "--nope"'],
    [["--prot", "1"], 'unknown option "--prot" (did you mean --port?)'],
    [["-x"], 'unknown option "-x"'],
    [["-kx"], 'unknown option "-x" in "-kx"'],
    [["-port", "1"], 'unknown option "-port" (long options start with two dashes: "--port")'],
    [["--port"], "--port needs a value"],
    [["--port", "--tls"], '--port needs a value, but "--tls" follows it'],
    [["--tls=yes"], '--tls takes no value (got "--tls=yes")'],
    [["-v=1"], '-v takes no value (got "-v=1")'],
  ];
  for (const [args, message] of cases) {
    const error = assertThrows(() => parse(...args), UsageError, message);
    assertEquals((error as UsageError).usage, "tp1 test");
  }
});

Deno.test("parseOptions() takes a negative number after --wait as its (wrong) value, not as HOST", () => {
  // Before: -3 became a positional, so "--wait -3 vm1" complained about the port "vm1".
  assertEquals(parse("--wait", "-3", "vm1", "8000"), {
    values: { wait: "-3" },
    positionals: ["vm1", "8000"],
  });
  assertEquals(parse("--wait", "-0.5", "vm1").values.wait, "-0.5");
});

Deno.test("parseOptions() says what nc's -w is called here, with the value typed", () => {
  // Before: just 'unknown option "-w"', leaving an nc user to guess.
  assertThrows(
    () => parse("-w", "5", "vm1"),
    UsageError,
    `unknown option "-w"; nc's -w 5 gives up connecting after 5 s: write --timeout 5 ` +
      "(or --idle 5 to close a connection idle for 5 s)",
  );
  assertThrows(() => parse("-w2.5"), UsageError, "write --timeout 2.5");
  assertThrows(() => parse("-w"), UsageError, "write --timeout SECONDS");
  // A command without --timeout has no such equivalent to offer.
  const error = assertThrows(
    () => parseOptions(["-w", "5"], { port: OPTIONS.port }, "tp1 test"),
    UsageError,
  );
  assertEquals(error.message, 'unknown option "-w"');
});
