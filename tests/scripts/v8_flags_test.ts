/** V8_FLAGS: every way of starting tp1 gives it the same V8 options. */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { V8_FLAGS } from "../../scripts/v8_flags.ts";
import denoConfig from "../../deno.json" with { type: "json" };
import { TP1_COMMAND } from "../../bench/_tp1_command.ts";

Deno.test("deno.json's tasks that start tp1 give it V8_FLAGS", () => {
  const starting = Object.entries(denoConfig.tasks).filter(([, command]) =>
    /^deno (run|compile) .*main\.ts$/.test(command)
  );
  assert(starting.length >= 2, "the start and compile tasks are found");
  for (const [name, command] of starting) {
    assert(command.includes(` --v8-flags=${V8_FLAGS} `), `${name}: ${command}`);
  }
});

Deno.test("the dist launcher and the benchmarks start tp1 with V8_FLAGS", () => {
  const launcher = Deno.readTextFileSync(
    new URL("../../scripts/dist_launcher.sh", import.meta.url),
  );
  assert(
    / run [^\n]*--v8-flags=@V8_FLAGS@ /.test(launcher),
    "the launcher runs tp1 with the flags",
  );
  assertEquals(TP1_COMMAND.filter((arg) => arg === `--v8-flags=${V8_FLAGS}`).length, 1);
});
