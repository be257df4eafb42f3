/**
 * One assertion style, guarded: tests assert with tests/_helpers/assert.ts (std-like
 * names), never node:assert directly, so a test merged later does not bring a second one.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { canRead } from "../_helpers/permissions.ts";

const TESTS = fileURLToPath(new URL("../", import.meta.url));
const HELPER = join("_helpers", "assert.ts");
const NODE_ASSERT = /\bfrom\s*["']node:assert(?:\/strict)?["']|import\(\s*["']node:assert/;

function testFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...testFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files.sort();
}

Deno.test({
  name: canRead
    ? "tests assert through tests/_helpers/assert.ts, not node:assert"
    : "tests assert through tests/_helpers/assert.ts, not node:assert (needs --allow-read)",
  ignore: !canRead,
}, () => {
  const direct = testFiles(TESTS)
    .map((file) => relative(TESTS, file))
    .filter((file) => file !== HELPER)
    .filter((file) => NODE_ASSERT.test(Deno.readTextFileSync(join(TESTS, file))));
  assertEquals(direct, []);
});
