/**
 * Standard input and output for piped mode, set up for bulk data without ever
 * stalling the other direction of the copy:
 * - a regular file (or, for output, a device such as /dev/null that is not a
 *   terminal) is read or written synchronously: it never makes anyone wait, and
 *   the ordinary calls would each cost a hand-off to a helper thread;
 * - a pipe is grown to 1 MiB (see pipe_capacity.ts) and used with the ordinary
 *   calls, which wait on a helper thread while the event loop goes on;
 * - anything else (a terminal, a socket) is used as it is.
 */
import type { ByteSink, ByteSource } from "./byte_ends.ts";
import { InputPump } from "./input_pump.ts";
import { growPipe } from "./pipe_capacity.ts";
import { POLLIN, readyNow } from "./libc.ts";
import type { PipeEnds } from "./pipe_connection.ts";

/** How a standard stream is used: synchronously, as a pipe, or as it is. */
export type StdioKind = "sync" | "pipe" | "plain";

/** How `path` (/dev/stdin or /dev/stdout) is best used, from what it is. */
export function stdioKind(path: "/dev/stdin" | "/dev/stdout", isTerminal: boolean): StdioKind {
  if (isTerminal) return "plain";
  const access = path === "/dev/stdin" ? "read" : "write";
  let info: Deno.FileInfo;
  try {
    // Asking first: a missing permission must not turn into a prompt.
    if (Deno.permissions.querySync({ name: access, path }).state !== "granted") return "plain";
    info = Deno.statSync(path);
  } catch {
    return "plain";
  }
  if (info.isFile || (path === "/dev/stdout" && info.isCharDevice)) return "sync";
  if (info.isFifo) return "pipe";
  return "plain";
}

/**
 * Piped mode's ends on this process's standard input and output. A server
 * (`serve`) lets a client go once it has finished sending and nothing is
 * waiting on a pipe or terminal input; a file is sent to its end first.
 */
export function stdioEnds(role: "connect" | "serve" = "connect"): PipeEnds {
  const inputIsTerminal = Deno.stdin.isTerminal();
  const kind = stdioKind("/dev/stdin", inputIsTerminal);
  return {
    input: new InputPump(stdinSource(kind)),
    output: stdoutSink(),
    inputIsTerminal,
    afterPeerEnds: role === "serve" && kind !== "sync" ? "send-waiting" : "send-all",
  };
}

/** Standard input as a {@linkcode ByteSource}. */
export function stdinSource(kind = stdioKind("/dev/stdin", Deno.stdin.isTerminal())): ByteSource {
  if (kind === "sync") return { read: (buffer) => Promise.resolve(Deno.stdin.readSync(buffer)) };
  if (kind === "pipe") growPipe(0);
  return {
    read: (buffer) => Deno.stdin.read(buffer),
    waiting: () => readyNow(0, POLLIN),
  };
}

/** Standard output as a {@linkcode ByteSink}. */
export function stdoutSink(kind = stdioKind("/dev/stdout", Deno.stdout.isTerminal())): ByteSink {
  if (kind === "sync") return { write: (bytes) => Promise.resolve(Deno.stdout.writeSync(bytes)) };
  if (kind === "pipe") growPipe(1);
  return Deno.stdout;
}
