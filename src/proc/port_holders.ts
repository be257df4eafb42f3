/**
 * Adapter: answers "who holds TCP (or UDP) port N?" on Linux by reading /proc/net/tcp(6)
 * (and /proc/net/udp(6)),
 * the /proc/PID/fd tables and /etc/passwd — what `sudo lsof -i :N` tells you.
 */
import { t } from "../i18n/catalogue.ts";
import { UserError } from "../errors.ts";
import { parsePasswd } from "./passwd.ts";
import { buildPortUsage, type PortUsage, type Protocol } from "./port_socket.ts";
import { describeHolders } from "./port_report.ts";
import { parseProcNetTcp, type TcpSocketEntry } from "./proc_net_tcp.ts";
import { parseProcNetUdp } from "./proc_net_udp.ts";
import { findSocketOwners } from "./socket_owners.ts";

/** Where to read from; tests point these at a fake tree. */
export interface ProcPaths {
  /** Defaults to `/proc`. */
  readonly procRoot?: string;
  /** Defaults to `/etc/passwd`. */
  readonly passwdPath?: string;
}

/** Lists every TCP (or `protocols`) socket using `port` with its holders; throws `UserError` when /proc cannot be read (not Linux, or no --allow-all). */
export async function findPortSockets(
  port: number,
  paths: ProcPaths = {},
  protocols: readonly Protocol[] = ["tcp"],
): Promise<PortUsage> {
  try {
    return await scanPort(port, paths, protocols);
  } catch (error) {
    // Deno guards all of /proc behind --allow-all (since 1.43; even --allow-read=/proc
    // is refused), so a tp1 started with narrower flags cannot answer.
    if (error instanceof Deno.errors.NotCapable) {
      throw new UserError(
        t().watch.needsAllowAll(port),
      );
    }
    throw error;
  }
}

/**
 * Names who holds `port` in one sentence for an "address in use" error, e.g.
 * `held by pid 1234 (python3, user root) — stop it with: kill 1234`;
 * undefined when nobody is found or /proc cannot be read. Never throws.
 */
export async function describePortHolders(
  port: number,
  paths: ProcPaths = {},
  protocol: Protocol = "tcp",
): Promise<string | undefined> {
  try {
    return describeHolders(await findPortSockets(port, paths, [protocol]));
  } catch {
    // The caller is already reporting a failure; a missing hint must not replace it.
    return undefined;
  }
}

async function scanPort(
  port: number,
  paths: ProcPaths,
  protocols: readonly Protocol[],
): Promise<PortUsage> {
  const procRoot = paths.procRoot ?? "/proc";
  const tables: TcpSocketEntry[] = [];
  for (const protocol of protocols) {
    const parse = protocol === "tcp" ? parseProcNetTcp : parseProcNetUdp;
    tables.push(
      ...await readTable(`${procRoot}/net/${protocol}`, port, tables.length === 0, parse),
      // IPv6 may be disabled, in which case tcp6 (udp6) simply does not exist.
      ...await readTable(`${procRoot}/net/${protocol}6`, port, false, parse),
    );
  }
  const entries = uniqueSockets(tables).filter((e) =>
    e.local.port === port || e.remote.port === port
  );
  const inodes = new Set(entries.map((e) => e.inode).filter((i) => i !== 0));
  const [owners, userNames] = await Promise.all([
    findSocketOwners(inodes, procRoot),
    readUserNames(paths.passwdPath ?? "/etc/passwd"),
  ]);
  return buildPortUsage(port, entries, owners, userNames, runsAsRoot(), protocols);
}

/**
 * Each socket once. The kernel prints a table in pieces, and sockets opening or closing
 * meanwhile can move a line past the next piece's start: the same line then comes twice.
 * A socket is its protocol, its two ends and its inode (0 for TIME_WAIT, which its ends
 * identify; two listeners sharing a port by SO_REUSEPORT differ by inode).
 */
function uniqueSockets(entries: readonly TcpSocketEntry[]): TcpSocketEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const key = [
      e.protocol ?? "tcp",
      e.local.address,
      e.local.port,
      e.remote.address,
      e.remote.port,
      e.inode,
    ].join(" ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function readTable(
  path: string,
  port: number,
  required: boolean,
  parse: (text: string) => TcpSocketEntry[] = parseProcNetTcp,
): Promise<TcpSocketEntry[]> {
  try {
    return parse(await Deno.readTextFile(path));
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    if (!required) return [];
    throw new UserError(
      t().watch.linuxOnly(port, path),
    );
  }
}

// Without a readable /etc/passwd, users show as numeric uids rather than failing.
async function readUserNames(path: string): Promise<Map<number, string>> {
  try {
    return parsePasswd(await Deno.readTextFile(path));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return new Map();
    throw error;
  }
}

// Only asked once /proc was readable, i.e. under --allow-all, which includes --allow-sys.
function runsAsRoot(): boolean {
  try {
    return Deno.uid() === 0;
  } catch {
    return false;
  }
}
