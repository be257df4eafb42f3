/**
 * The shape of the code, guarded: every import under `src/` goes down the layer
 * order drawn in the README's Architecture section (or stays in its own folder),
 * and no module imports itself back through a cycle.
 */
import { assertEquals, assertNotEquals } from "../_helpers/assert.ts";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Each folder of `src/` and its layer: a module may import only from lower layers or its own folder. */
export const LAYERS: Readonly<Record<string, number>> = {
  ".": 0, // errors.ts
  io: 0,
  i18n: 0, // the message catalogues: every layer prints through them
  core: 1,
  room: 2,
  access: 2,
  streams: 2,
  files: 2,
  proc: 2,
  auth: 3,
  tls: 3,
  net: 3,
  terminal: 3,
  gate: 4,
  pipe: 4,
  record: 4,
  server: 5,
  client: 5,
  udp: 5,
  cli: 6,
};

/** Files outside `src/` that a module may read: the version comes from deno.json. */
const OUTSIDE_ALLOWED = new Set(["../deno.json"]);

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));
const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^"';]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of Deno.readDirSync(dir)) {
    const path = join(dir, entry.name);
    if (entry.isDirectory) files.push(...sourceFiles(path));
    else if (entry.name.endsWith(".ts")) files.push(path);
  }
  return files.sort();
}

/** Every relative import of every module under `src/`, as `src/`-relative paths. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = Deno.readTextFileSync(file);
    const targets: string[] = [];
    for (const match of text.matchAll(SPECIFIER)) {
      const specifier = match[1] ?? match[2];
      targets.push(relative(SRC, resolve(dirname(file), specifier)));
    }
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

const folderOf = (path: string) => path.includes("/") ? path.slice(0, path.indexOf("/")) : ".";

Deno.test("every folder under src/ has a layer", () => {
  const folders = new Set([...importGraph().keys()].map(folderOf));
  assertEquals([...folders].filter((folder) => !(folder in LAYERS)), []);
});

Deno.test("src/ imports only go down the layer order (or stay in their folder)", () => {
  const wrong: string[] = [];
  for (const [from, targets] of importGraph()) {
    for (const to of targets) {
      if (OUTSIDE_ALLOWED.has(to)) continue;
      if (to.startsWith("..")) {
        wrong.push(`${from} imports ${to}, outside src/`);
        continue;
      }
      const [a, b] = [folderOf(from), folderOf(to)];
      if (a !== b && !(LAYERS[b] < LAYERS[a])) {
        wrong.push(`${from} (${a}, layer ${LAYERS[a]}) imports ${to} (${b}, layer ${LAYERS[b]})`);
      }
    }
  }
  assertEquals(wrong, []);
});

Deno.test("src/ has no import cycle", () => {
  const graph = importGraph();
  const state = new Map<string, "open" | "done">();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === "done") return;
    if (state.get(node) === "open") {
      cycles.push([...path.slice(path.indexOf(node)), node].join(" -> "));
      return;
    }
    state.set(node, "open");
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, "done");
  };
  for (const node of graph.keys()) visit(node, []);
  assertEquals(cycles, []);
});

// The README draws the layers and lists the folders: the drawing must equal
// LAYERS, and the Layout the tree under src/.

const README = Deno.readTextFileSync(new URL("../../README.md", import.meta.url));

function section(title: string): string {
  const start = README.indexOf(`## ${title}\n`);
  assertNotEquals(start, -1, `README has no "## ${title}" section`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

Deno.test("the README's Architecture drawing puts each folder on its LAYERS layer", () => {
  const drawn: Record<string, number> = {};
  const drawing = /```text\n([\s\S]*?)```/.exec(section("Architecture"))?.[1] ?? "";
  for (const row of drawing.split("\n")) {
    const match = /^(\d)\s+(.*)$/.exec(row);
    if (!match) continue;
    for (const word of match[2].split(/\s+/)) {
      if (word.endsWith("/")) drawn[word.slice(0, -1)] = Number(match[1]);
      if (word === "errors.ts") drawn["."] = Number(match[1]);
    }
  }
  assertEquals(drawn, { ...LAYERS });
});

Deno.test("the README's Layout lists every folder of src/, and no other", () => {
  const listed = [...section("Layout").matchAll(/^src\/([a-z0-9_]+)\//gm)].map((m) => m[1]).sort();
  const folders = [...Deno.readDirSync(SRC)]
    .filter((entry) => entry.isDirectory).map((entry) => entry.name).sort();
  assertEquals(listed, folders);
});
