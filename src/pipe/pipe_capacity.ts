/**
 * Grows a pipe's kernel buffer (Linux `F_SETPIPE_SZ`) from 64 KiB to 1 MiB, so
 * one read or write on it moves up to 1 MiB. Every `Deno.stdin.read` and
 * `Deno.stdout.write` is handed to a helper thread, a fixed cost per call: at
 * 64 KiB a call that cost is as large as the copy itself, at 1 MiB it vanishes.
 *
 * Deno has no fcntl, so this calls libc through FFI (libc.ts). Without
 * --allow-ffi, off Linux, or past the per-user pipe memory limit, the pipe
 * keeps its size and tp1 behaves the same, only slower.
 */
import { libc } from "../io/libc.ts";

/** The pipe buffer size tp1 asks for: /proc/sys/fs/pipe-max-size by default. */
export const PIPE_CAPACITY = 1024 * 1024;

const F_SETPIPE_SZ = 1031;

/**
 * Asks for a `bytes`-sized kernel buffer on pipe `fd` (0 for stdin, 1 for stdout);
 * returns the size the pipe now has, or undefined if it could not be changed.
 */
export function growPipe(fd: 0 | 1, bytes: number = PIPE_CAPACITY): number | undefined {
  const symbols = libc();
  if (!symbols) return undefined;
  const size = symbols.fcntl(fd, F_SETPIPE_SZ, bytes);
  return size > 0 ? size : undefined;
}
