/** Tests for `findSocketOwners`, run against a fake /proc tree of fd symlinks. */
import { assertEquals } from "../_helpers/assert.ts";
import { findSocketOwners } from "../../src/proc/socket_owners.ts";

import { canUseFiles, isKnownNonRoot } from "./_proc_access.ts";

// Builds <root>/<pid>/fd/<n> -> target and <root>/<pid>/comm, like the real /proc.
async function fakeProc(
  processes: Record<number, { comm?: string; fds?: Record<number, string> }>,
): Promise<string> {
  const root = await Deno.makeTempDir({ prefix: "tp1_fake_proc_" });
  await Deno.mkdir(`${root}/net`);
  await Deno.mkdir(`${root}/self`);
  for (const [pid, { comm, fds }] of Object.entries(processes)) {
    await Deno.mkdir(`${root}/${pid}`);
    if (comm !== undefined) await Deno.writeTextFile(`${root}/${pid}/comm`, `${comm}\n`);
    if (fds === undefined) continue;
    await Deno.mkdir(`${root}/${pid}/fd`);
    for (const [fd, target] of Object.entries(fds)) {
      await Deno.symlink(target, `${root}/${pid}/fd/${fd}`);
    }
  }
  return root;
}

Deno.test({
  name:
    "findSocketOwners() maps each wanted inode to the processes holding it (needs --allow-read --allow-write)",
  ignore: !canUseFiles,
}, async () => {
  const root = await fakeProc({
    100: {
      comm: "python3",
      fds: { 0: "/dev/null", 3: "socket:[555]", 4: "socket:[555]", 5: "socket:[777]" },
    },
    200: { comm: "python3", fds: { 3: "socket:[555]" } },
    300: { comm: "bash", fds: { 0: "pipe:[9]", 1: "/dev/pts/0", 3: "socket:[999]" } },
    400: { comm: "exited" }, // its fd directory vanished: the process exited mid-scan
    500: { fds: { 7: "socket:[777]" } }, // no comm file
  });
  try {
    const owners = await findSocketOwners(new Set([555, 777, 888]), root);
    assertEquals(
      [...owners.byInode].sort(([a], [b]) => a - b),
      [
        [555, [{ pid: 100, command: "python3" }, { pid: 200, command: "python3" }]],
        [777, [{ pid: 100, command: "python3" }, { pid: 500, command: "-" }]],
      ],
    );
    assertEquals(owners.hiddenProcesses, 0);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("findSocketOwners() reads nothing when no inode is wanted", async () => {
  const owners = await findSocketOwners(new Set(), "/nonexistent/proc");
  assertEquals(owners.byInode.size, 0);
  assertEquals(owners.hiddenProcesses, 0);
});

Deno.test({
  name:
    "findSocketOwners() counts processes whose fd table it may not read (needs --allow-read --allow-write --allow-sys, not root)",
  // Root reads any fd table, so an unreadable one can only be staged as another user.
  ignore: !canUseFiles || !isKnownNonRoot,
}, async () => {
  const root = await fakeProc({ 100: { comm: "sshd", fds: { 3: "socket:[555]" } } });
  try {
    await Deno.chmod(`${root}/100/fd`, 0o000);
    const owners = await findSocketOwners(new Set([555]), root);
    assertEquals(owners.byInode.size, 0);
    assertEquals(owners.hiddenProcesses, 1);
  } finally {
    await Deno.chmod(`${root}/100/fd`, 0o700);
    await Deno.remove(root, { recursive: true });
  }
});
