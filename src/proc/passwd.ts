/**
 * Parses /etc/passwd text into a uid → user name table, so sockets show `alice`
 * rather than `1000`. Pure: the caller reads the file.
 */

/** Maps each uid in /etc/passwd text to its user name; the first line for a uid wins, as with getpwuid(3). */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split("\n")) {
    // name:password:uid:gid:gecos:home:shell — NIS "+" lines and comments have no numeric uid.
    const [name, , uid] = line.split(":");
    if (!name || name.startsWith("#") || !/^\d+$/.test(uid ?? "")) continue;
    if (!names.has(Number(uid))) names.set(Number(uid), name);
  }
  return names;
}
