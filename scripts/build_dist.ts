/**
 * `deno task dist`: builds dist/tp1-linux-x86_64 and dist/tp1-linux-aarch64, each ONE file that a
 * user copies onto a VM with no Deno and no Node and runs (`chmod +x tp1; ./tp1 serve`).
 *
 * Each file is scripts/dist_launcher.sh (filled in) followed by a gzip'd tar holding the official
 * Deno runtime for that target (the npm package @deno/linux-*-glibc, checked against a pinned
 * integrity) and tp1 bundled by `deno bundle --code-splitting`. Nothing is downloaded except from
 * the npm registry: the runtime packages (`npm pack`, kept in .dist-cache/) and the esbuild that
 * `deno bundle` fetches. `deno compile` is not used: it downloads its runtime from Deno's own host.
 *
 * The output is reproducible: fixed order, mtimes and owners in the tar, `gzip -n`, pinned inputs;
 * dist/SHA256SUMS lists the artifacts in dist/.
 *
 *   deno task dist                 both targets
 *   deno task dist x86_64          one target
 */
import denoConfig from "../deno.json" with { type: "json" };
import { V8_FLAGS } from "./v8_flags.ts";

/** The Deno release the runtime packages come from; it must be the one `deno bundle` runs on. */
export const DENO_VERSION = "2.9.6";

/** One target: its `uname -m`, the npm package with its Deno runtime, and that package's hash. */
export interface DistTarget {
  readonly arch: string;
  readonly npmPackage: string;
  readonly integrity: string;
}

/** The targets, with the npm integrity of each package at DENO_VERSION. */
export const TARGETS: readonly DistTarget[] = [
  {
    arch: "x86_64",
    npmPackage: "@deno/linux-x64-glibc",
    integrity:
      "sha512-3md4TKLCuzsLDmfOoC5KN7NAZaxSVkMgm64vg6foD00JBADCpYS2/5QqXfzgnP5ZQz3iLP9vBQJtEgc116OAoQ==",
  },
  {
    arch: "aarch64",
    npmPackage: "@deno/linux-arm64-glibc",
    integrity:
      "sha512-poqhoH9B3nYloigEMPT5t8HY+wBeiuea1An5Q7fqgJzP0SYmWsoS/oUnWO/pEiA4ofzIBy1Elt/in58xKtxEoQ==",
  },
];

const ROOT = decodeURIComponent(new URL("../", import.meta.url).pathname);
const CACHE_DIR = `${ROOT}.dist-cache`;
const DIST_DIR = `${ROOT}dist`;
const LAUNCHER = `${ROOT}scripts/dist_launcher.sh`;

/** Runs a command, failing with its output if it fails; resolves to its stdout. */
async function run(cmd: string, args: string[], cwd = ROOT): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd, stdin: "null" }).output();
  const text = new TextDecoder();
  if (!out.success) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (exit ${out.code}):\n${text.decode(out.stderr)}${
        text.decode(out.stdout)
      }`,
    );
  }
  return text.decode(out.stdout);
}

async function digest(algorithm: "SHA-256" | "SHA-512", bytes: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest(algorithm, bytes as Uint8Array<ArrayBuffer>));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function integrityOf(path: string): Promise<string> {
  const sum = await digest("SHA-512", await Deno.readFile(path));
  return `sha512-${btoa(String.fromCharCode(...sum))}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

/** The runtime package's tarball in .dist-cache/, fetched with `npm pack` unless already there. */
async function runtimeTarball(target: DistTarget): Promise<string> {
  const file = `${CACHE_DIR}/${target.npmPackage.slice(1).replace("/", "-")}-${DENO_VERSION}.tgz`;
  if (!(await exists(file)) || (await integrityOf(file)) !== target.integrity) {
    await Deno.mkdir(CACHE_DIR, { recursive: true });
    console.log(`dist: npm pack ${target.npmPackage}@${DENO_VERSION}`);
    await run("npm", [
      "pack",
      "--silent",
      "--pack-destination",
      CACHE_DIR,
      `${target.npmPackage}@${DENO_VERSION}`,
    ]);
  }
  const got = await integrityOf(file);
  if (got !== target.integrity) {
    throw new Error(`${file} has integrity ${got}, expected ${target.integrity}`);
  }
  return file;
}

/** Bundles tp1 into `outDir`: main.js, plus one chunk per lazily loaded command. */
async function bundle(outDir: string): Promise<void> {
  // One file would inline the lazy imports but hoist their node:readline, node:tls… to the top,
  // which costs ~40 ms on every `tp1 --help`; code splitting keeps them lazy.
  await run(Deno.execPath(), [
    "bundle",
    "--quiet",
    "--platform",
    "deno",
    "--code-splitting",
    "--outdir",
    outDir,
    "main.ts",
  ]);
  if (!(await exists(`${outDir}/main.js`))) {
    throw new Error(`deno bundle wrote no ${outDir}/main.js`);
  }
}

/** Fills the launcher's @NAME@ fields; the payload offset is solved so it counts its own digits. */
function launcher(fields: Record<string, string>): Uint8Array {
  let template = Deno.readTextFileSync(LAUNCHER);
  for (const [name, value] of Object.entries(fields)) {
    template = template.replaceAll(`@${name}@`, value);
  }
  const encoder = new TextEncoder();
  let offset = 1;
  for (;;) {
    const bytes = encoder.encode(template.replace("@OFFSET@", String(offset)));
    if (bytes.length + 1 === offset) return bytes;
    offset = bytes.length + 1;
  }
}

/** Builds dist/tp1-linux-<arch>. */
async function buildTarget(target: DistTarget, app: string, work: string): Promise<void> {
  const tarball = await runtimeTarball(target);
  const stage = `${work}/${target.arch}`;
  await Deno.mkdir(stage);
  await run("tar", ["-xzf", tarball, "-C", stage, "package/deno"]);
  await Deno.rename(`${stage}/package/deno`, `${stage}/tp1`);
  await Deno.remove(`${stage}/package`);
  await run("cp", ["-R", app, `${stage}/app`]);
  // Fixed modes, so the umask of the build does not show in the archive.
  await Deno.chmod(`${stage}/tp1`, 0o755);
  await Deno.chmod(`${stage}/app`, 0o755);
  let unpacked = (await Deno.stat(`${stage}/tp1`)).size;
  for await (const entry of Deno.readDir(`${stage}/app`)) {
    await Deno.chmod(`${stage}/app/${entry.name}`, 0o644);
    unpacked += (await Deno.stat(`${stage}/app/${entry.name}`)).size;
  }
  const payloadFile = `${work}/${target.arch}.tar.gz`;
  await run("bash", [
    "-o",
    "pipefail",
    "-c",
    'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu -C "$1" -cf - tp1 app | gzip -9 -n > "$2"',
    "tar",
    stage,
    payloadFile,
  ]);
  const payload = await Deno.readFile(payloadFile);
  const sha256 = hex(await digest("SHA-256", payload));
  const head = launcher({
    VERSION: denoConfig.version,
    ARCH: target.arch,
    DENO_VERSION,
    UNPACKED_MB: String(Math.ceil(unpacked / 1e6)),
    KEY: `${denoConfig.version}-${sha256.slice(0, 16)}`,
    SHA256: sha256,
    V8_FLAGS,
  });
  const file = new Uint8Array(head.length + payload.length);
  file.set(head);
  file.set(payload, head.length);
  const out = `${DIST_DIR}/tp1-linux-${target.arch}`;
  await Deno.writeFile(`${out}.tmp`, file, { mode: 0o755 });
  await Deno.chmod(`${out}.tmp`, 0o755);
  await Deno.rename(`${out}.tmp`, out);
  const fileSha = hex(await digest("SHA-256", file));
  console.log(`dist: ${out} (${(file.length / 1e6).toFixed(1)} MB) sha256 ${fileSha}`);
}

/** Builds the targets named in `args` (all when none); writes dist/SHA256SUMS for them. */
export async function buildDist(args: string[]): Promise<void> {
  const unknown = args.filter((a) => !TARGETS.some((t) => t.arch === a));
  if (unknown.length > 0) {
    throw new Error(
      `unknown target ${unknown.join(", ")}; choose from ${TARGETS.map((t) => t.arch).join(", ")}`,
    );
  }
  const targets = args.length === 0 ? TARGETS : TARGETS.filter((t) => args.includes(t.arch));
  if (Deno.version.deno !== DENO_VERSION) {
    console.warn(
      `dist: warning: bundling with Deno ${Deno.version.deno}, the runtime is ${DENO_VERSION}`,
    );
  }
  await Deno.mkdir(DIST_DIR, { recursive: true });
  const work = await Deno.makeTempDir({ prefix: "tp1-dist-" });
  try {
    await bundle(`${work}/app`);
    for (const target of targets) await buildTarget(target, `${work}/app`, work);
    // Every artifact in dist/, also one built earlier for the other target: the file checks
    // what is there to copy.
    const sums: string[] = [];
    for (const target of TARGETS) {
      const name = `tp1-linux-${target.arch}`;
      if (!(await exists(`${DIST_DIR}/${name}`))) continue;
      sums.push(
        `${hex(await digest("SHA-256", await Deno.readFile(`${DIST_DIR}/${name}`)))}  ${name}\n`,
      );
    }
    await Deno.writeTextFile(`${DIST_DIR}/SHA256SUMS`, sums.join(""));
    console.log(`dist: ${DIST_DIR}/SHA256SUMS`);
  } finally {
    await Deno.remove(work, { recursive: true });
  }
}

if (import.meta.main) {
  try {
    await buildDist(Deno.args);
  } catch (error) {
    console.error(`dist: ${error instanceof Error ? error.message : error}`);
    Deno.exit(1);
  }
}
