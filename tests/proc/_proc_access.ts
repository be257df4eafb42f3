/**
 * What these tests may touch, so the ones that need more than `--allow-net` are
 * skipped visibly (the reason is in their name) instead of failing.
 */

function granted(descriptor: Deno.PermissionDescriptor): boolean {
  return Deno.permissions.querySync(descriptor).state === "granted";
}

/** Whether files may be read (`--allow-read`). */
export const canRead: boolean = granted({ name: "read" });

/** Whether temporary files may be created and read (`--allow-read --allow-write`), for fake /proc trees. */
export const canUseFiles: boolean = canRead && granted({ name: "write" });

/** Whether spawning `main.ts` is allowed (`--allow-run`). */
export const canRun: boolean = granted({ name: "run" });

/**
 * Whether the real /proc is readable. Deno refuses every /proc path unless it runs
 * with --allow-all, even with --allow-read, and the read permission query does not
 * say so; only trying tells.
 */
export const canReadProc: boolean = (() => {
  if (!canRead || Deno.build.os !== "linux") return false;
  try {
    Deno.readTextFileSync("/proc/net/tcp");
    return true;
  } catch {
    return false;
  }
})();

/** Whether this process is known not to be root (root reads every fd table); needs `--allow-sys`. */
export const isKnownNonRoot: boolean = granted({ name: "sys", kind: "uid" }) && Deno.uid() !== 0;
