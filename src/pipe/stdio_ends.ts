/**
 * Standard input and output for piped mode, set up for bulk data without ever
 * stalling the other direction of the copy:
 * - a regular file (or, for output, a device such as /dev/null that is not a
 *   terminal) is read or written synchronously: it never makes anyone wait, and
 *   the ordinary calls would each cost a hand-off to a helper thread;
 * - a pipe is grown to 1 MiB (see pipe_capacity.ts) and used with the ordinary
 *   calls, which wait on a helper thread while the event loop goes on;
 * - a terminal shows the peer's control characters escaped, never obeyed;
 * - anything else (a socket) is used as it is.
 */
import { type ByteSink, type ByteSource, writeAll } from "../io/byte_ends.ts";
import { TerminalSafeStream } from "../core/terminal_safe_stream.ts";
import { InputPump } from "./input_pump.ts";
import { growPipe } from "./pipe_capacity.ts";
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

/** Piped mode's ends on this process's standard input and output. */
export function stdioEnds(): PipeEnds {
  const inputIsTerminal = Deno.stdin.isTerminal();
  return {
    input: new InputPump(stdinSource(stdioKind("/dev/stdin", inputIsTerminal))),
    output: stdoutSink(),
    inputIsTerminal,
  };
}

/** Standard input as a {@linkcode ByteSource}. */
export function stdinSource(kind = stdioKind("/dev/stdin", Deno.stdin.isTerminal())): ByteSource {
  if (kind === "sync") return { read: (buffer) => Promise.resolve(Deno.stdin.readSync(buffer)) };
  if (kind === "pipe") growPipe(0);
  return Deno.stdin;
}

/**
 * Standard output as a {@linkcode ByteSink}. A terminal gets the peer's bytes
 * with control characters shown escaped, never obeyed (`echo hi | tp1 connect`
 * must not let the server clear the screen); a file or pipe gets them unchanged.
 */
export function stdoutSink(kind = stdioKind("/dev/stdout", Deno.stdout.isTerminal())): ByteSink {
  if (kind === "sync") return { write: (bytes) => Promise.resolve(Deno.stdout.writeSync(bytes)) };
  if (kind === "pipe") growPipe(1);
  if (Deno.stdout.isTerminal()) return terminalSafeSink(Deno.stdout);
  return Deno.stdout;
}

/** `terminal`, showing what would be obeyed as escapes; counts the bytes it was given. */
export function terminalSafeSink(terminal: ByteSink): ByteSink {
  const safe = new TerminalSafeStream();
  const encoder = new TextEncoder();
  return {
    write: async (bytes) => {
      await writeAll(terminal, encoder.encode(safe.push(bytes)));
      return bytes.length;
    },
  };
}
