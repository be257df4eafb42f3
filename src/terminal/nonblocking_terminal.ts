/**
 * The process's terminal, written without ever blocking: the same terminal
 * opened again on a descriptor of tp1's own with O_NONBLOCK, so a full
 * terminal answers "would block" at once. Setting O_NONBLOCK on stdout itself
 * would change the descriptor the shell and stdin share. Needs FFI (libc
 * open and write); undefined without it, and the screen is written as before.
 */
import { openNonBlockingForWriting, writeNow } from "../io/libc.ts";
import type { ScreenOutput } from "./screen_writer.ts";

/** Standard output's terminal as a {@linkcode ScreenOutput} that never blocks; undefined if unavailable. */
export function nonBlockingTerminal(): ScreenOutput | undefined {
  if (!Deno.stdout.isTerminal()) return undefined;
  const fd = openNonBlockingForWriting("/proc/self/fd/1");
  if (fd === undefined) return undefined;
  return { tryWrite: (bytes) => writeNow(fd, bytes) ?? 0 };
}

/** Standard output as a {@linkcode ScreenOutput} that blocks: the fallback without FFI. */
export function blockingStdout(): ScreenOutput {
  return { tryWrite: (bytes) => Deno.stdout.writeSync(bytes) };
}
