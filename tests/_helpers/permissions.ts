/**
 * What the test run is allowed to do, so tests that need more than `--allow-net`
 * are skipped visibly (the reason is in their name) instead of failing.
 */

function granted(descriptor: Deno.PermissionDescriptor): boolean {
  return Deno.permissions.querySync(descriptor).state === "granted";
}

/** Whether subprocesses may be spawned (`--allow-run`). */
export const canRun: boolean = granted({ name: "run" });

/** Whether files may be read (`--allow-read`), e.g. `/proc` and the fixtures. */
export const canRead: boolean = granted({ name: "read" });

const found = new Map<string, boolean>();

/** Whether `name` is an executable on PATH; false when subprocesses are not allowed. */
export function hasCommand(name: string): boolean {
  if (!canRun) return false;
  let present = found.get(name);
  if (present === undefined) {
    try {
      const { code } = new Deno.Command("sh", {
        args: ["-c", 'command -v "$1" >/dev/null', "sh", name],
        stdin: "null",
        stdout: "null",
        stderr: "null",
      }).outputSync();
      present = code === 0;
    } catch {
      present = false;
    }
    found.set(name, present);
  }
  return present;
}

/**
 * Whether this process may create its own network and mount namespaces
 * (`unshare -nm`, i.e. root): tests that must not reach the real DNS server use one.
 */
export function canUnshareNetwork(): boolean {
  if (!hasCommand("unshare")) return false;
  try {
    return new Deno.Command("unshare", {
      args: ["-nm", "--propagation", "private", "true"],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).outputSync().code === 0;
  } catch {
    return false;
  }
}
