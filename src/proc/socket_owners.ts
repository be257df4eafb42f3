/**
 * Adapter: finds which processes hold given socket inodes by reading the
 * `/proc/PID/fd/*` symlinks (`socket:[INODE]`), the way lsof does, and names each
 * process from /proc/PID/comm.
 */

/** A process that holds a socket. */
export interface ProcessInfo {
  readonly pid: number;
  /** The short command name from /proc/PID/comm (at most 15 characters), e.g. `python3`. */
  readonly command: string;
}

/** The result of scanning /proc for the holders of some socket inodes. */
export interface SocketOwners {
  /** Holders of each inode that was found; several processes can share one socket after fork(). */
  readonly byInode: ReadonlyMap<number, readonly ProcessInfo[]>;
  /** How many processes' fd tables could not be read (other users' processes, unless root). */
  readonly hiddenProcesses: number;
}

/** Scans `procRoot` (normally /proc) for the processes holding any of `inodes`. */
export async function findSocketOwners(
  inodes: ReadonlySet<number>,
  procRoot = "/proc",
): Promise<SocketOwners> {
  const byInode = new Map<number, ProcessInfo[]>();
  if (inodes.size === 0) return { byInode, hiddenProcesses: 0 };
  const pids: number[] = [];
  for await (const entry of Deno.readDir(procRoot)) {
    if (/^\d+$/.test(entry.name)) pids.push(Number(entry.name));
  }
  // Directory order is arbitrary; sorted pids give stable output from run to run.
  pids.sort((a, b) => a - b);
  const scans = pids.map((pid) => socketInodesOf(procRoot, pid));
  let hiddenProcesses = 0;
  const holders = new Map<number, number[]>();
  pids.forEach((pid, i) => {
    const scan = scans[i];
    if (scan === "hidden") {
      hiddenProcesses++;
      return;
    }
    for (const inode of scan) {
      if (!inodes.has(inode)) continue;
      const pidsOfInode = holders.get(inode) ?? [];
      // One process often holds a socket through several fds (dup, inherited stdio).
      if (!pidsOfInode.includes(pid)) pidsOfInode.push(pid);
      holders.set(inode, pidsOfInode);
    }
  });
  const commands = new Map<number, string>();
  for (const pidsOfInode of holders.values()) {
    for (const pid of pidsOfInode) {
      if (!commands.has(pid)) commands.set(pid, await commandOf(procRoot, pid));
    }
  }
  for (const [inode, pidsOfInode] of holders) {
    byInode.set(
      inode,
      pidsOfInode.map((pid) => ({ pid, command: commands.get(pid) ?? "-" })),
    );
  }
  return { byInode, hiddenProcesses };
}

// The socket inodes among one process's open fds, or "hidden" when its fd table is
// not ours to read. A process that exits mid-scan just has no sockets. Read with the
// synchronous calls: a busy machine has tens of thousands of fds, and an asynchronous
// call each (a hand-off to a helper thread and back) made `tp1 port` take seconds.
function socketInodesOf(procRoot: string, pid: number): number[] | "hidden" {
  const fdDir = `${procRoot}/${pid}/fd`;
  const inodes: number[] = [];
  try {
    for (const fd of Deno.readDirSync(fdDir)) {
      const target = readLinkOrUndefined(`${fdDir}/${fd.name}`);
      const match = target === undefined ? null : /^socket:\[(\d+)\]$/.exec(target);
      if (match) inodes.push(Number(match[1]));
    }
  } catch (error) {
    if (error instanceof Deno.errors.PermissionDenied) return "hidden";
    if (error instanceof Deno.errors.NotFound) return inodes;
    throw error;
  }
  return inodes;
}

// An fd can be closed between listing the directory and reading the link.
function readLinkOrUndefined(path: string): string | undefined {
  try {
    return Deno.readLinkSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

async function commandOf(procRoot: string, pid: number): Promise<string> {
  try {
    const comm = (await Deno.readTextFile(`${procRoot}/${pid}/comm`)).trim();
    if (comm !== "") return comm;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return "-";
}
