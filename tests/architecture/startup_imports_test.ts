/**
 * Start-up (issue 14), guarded: what `tp1 --help` and a piped `tp1 connect` load
 * before their first byte (a lone `--help` is answered by main.ts from top_help.ts). Each module loaded costs start-up time, and each
 * `node:` module costs far more (node:tls, node:crypto, node:readline, node:dns:
 * tens of ms), so these must stay behind a dynamic `import()` at their point of
 * use. Reads the module graph with `deno info --json` and follows static
 * imports only (a type-only import loads nothing).
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { canRun } from "../_helpers/permissions.ts";

const ROOT = new URL("../../", import.meta.url);

interface InfoModule {
  readonly specifier: string;
  readonly dependencies?: readonly {
    readonly code?: { readonly specifier: string };
    readonly isDynamic?: boolean;
  }[];
}

let info: Map<string, InfoModule> | undefined;

/** The graph of main.ts (dynamic imports included), by specifier. */
async function graph(): Promise<Map<string, InfoModule>> {
  if (info) return info;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "main.ts"],
    cwd: ROOT,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert(out.success, new TextDecoder().decode(out.stderr));
  const modules = JSON.parse(new TextDecoder().decode(out.stdout)).modules as InfoModule[];
  info = new Map(modules.map((m) => [m.specifier, m]));
  return info;
}

/** What loading `path` loads, following static imports only: repo paths and `node:` names. */
async function staticallyLoaded(path: string): Promise<string[]> {
  const modules = await graph();
  const seen = new Set<string>();
  const pending = [new URL(path, ROOT).href];
  while (pending.length > 0) {
    const specifier = pending.pop()!;
    if (seen.has(specifier)) continue;
    seen.add(specifier);
    for (const dep of modules.get(specifier)?.dependencies ?? []) {
      if (dep.code && !dep.isDynamic) pending.push(dep.code.specifier);
    }
  }
  return [...seen].map((s) => s.replace(ROOT.href, "")).sort();
}

/** What `path` itself imports with `import()`: repo paths and `node:` names. */
async function dynamicallyImported(path: string): Promise<string[]> {
  const modules = await graph();
  return (modules.get(new URL(path, ROOT).href)?.dependencies ?? [])
    .filter((dep) => dep.code && dep.isDynamic)
    .map((dep) => dep.code!.specifier.replace(ROOT.href, ""))
    .sort();
}

const ignore = !canRun;

Deno.test({
  name:
    "main.ts loads no catalogue before it knows the run's language, and none for --version (needs --allow-run)",
  ignore,
}, async () => {
  assertEquals(await staticallyLoaded("main.ts"), [
    "deno.json",
    "main.ts",
    "src/cli/language_option.ts",
    "src/cli/top_help.ts",
    "src/cli/version.ts",
    "src/client/head_start.ts",
    "src/core/default_port.ts",
    "src/i18n/language.ts",
    "src/i18n/start_language.ts",
    "src/io/byte_ends.ts",
  ]);
});

Deno.test({
  name:
    "a lone tp1 --help imports its language's help section and the printer, never the catalogue (needs --allow-run)",
  ignore,
}, async () => {
  const loaded = await staticallyLoaded("src/cli/top_help.ts");
  const unwanted = loaded.filter((path) =>
    /^src\/i18n\/(catalogue|messages_|any_language|en\/|fr\/)/.test(path) ||
    path.startsWith("node:")
  );
  assertEquals(unwanted, []);
  assertEquals(await dynamicallyImported("src/cli/top_help.ts"), [
    "src/cli/print_help.ts",
    "src/i18n/en/help_tp1.ts",
    "src/i18n/fr/help_tp1.ts",
    "src/i18n/french_spacing.ts",
  ]);
});

Deno.test({
  name:
    "tp1 --help loads one language's messages, imported when chosen, and no command (needs --allow-run)",
  ignore,
}, async () => {
  const loaded = await staticallyLoaded("src/cli/run_cli.ts");
  const unwanted = loaded.filter((path) =>
    /^src\/i18n\/(messages_|any_language|en\/|fr\/)/.test(path) ||
    /_command\.ts$/.test(path) || path.startsWith("node:")
  );
  assertEquals(unwanted, []);
});

Deno.test({
  name:
    "a piped tp1 connect loads no node: module, no TLS, password exchange, prompt, --record, UDP or other language before its first byte (needs --allow-run)",
  ignore,
}, async () => {
  const loaded = await staticallyLoaded("src/cli/connect_command.ts");
  const unwanted = loaded.filter((path) =>
    path.startsWith("node:") ||
    /^src\/(tls|record|udp|auth\/password_exchange|auth\/password_protocol)/.test(path) ||
    /^src\/i18n\/(messages_|any_language|en\/|fr\/)/.test(path) ||
    /^src\/terminal\/prompt_console|^src\/client\/(client_session|server_greeting)/.test(path)
  );
  assertEquals(unwanted, []);
});

Deno.test({
  name:
    "what a plain tp1 connect loads when the server first speaks (server_greeting.ts) has no node: module (needs --allow-run)",
  ignore,
}, async () => {
  const loaded = await staticallyLoaded("src/client/server_greeting.ts");
  assertEquals(loaded.filter((path) => path.startsWith("node:")), []);
});
