/**
 * Standard input and output for piped mode, set up for bulk data without ever
 * stalling the other direction of the copy:
 * - a regular file (or, for output, a device such as /dev/null that is not a
 *   terminal) is read or written synchronously: it never makes anyone wait, and
 *   the ordinary calls would each cost a hand-off to a helper thread;
 * - a pipe is grown to 1 MiB (see pipe_capacity.ts) and used with the ordinary
 *   calls, which wait on a helper thread while the event loop goes on; output
 *   the pipe has room for is written at once instead (writingAtOnce);
 * - a terminal shows the peer's control characters escaped, never obeyed;
 * - anything else (a socket) is used as it is;
 * - a descriptor left non-blocking is opened again, blocking (patient_ends.ts).
 */
import { type ByteSink, type ByteSource, writeAll } from "../io/byte_ends.ts";
import { TerminalSafeStream } from "../core/terminal_safe_stream.ts";
import { InputPump } from "./input_pump.ts";
import { growPipe } from "./pipe_capacity.ts";
import { openNonBlockingForWriting, POLLIN, readyNow, writeNow } from "../io/libc.ts";
import {
  isNonBlocking,
  nonBlockingSink,
  patientSink,
  patientSource,
  reopenedBlocking,
} from "../io/patient_ends.ts";
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
 *
 * Start-up (issue 14): a client's is timed to the first byte it sends, so what
 * that byte does not need waits until after it: the input pipe is grown once its
 * first chunk is handed on (pipe_capacity.ts: only the size of later reads changes), and
 * the output is set up on its first write (the peer's first byte). Either may be
 * the first call into libc, whose loading opens no descriptor (libc is in the
 * process already), so it needs none left over. A server's output is set up at
 * once, while descriptors are plenty (`/proc/self/fd/1` is opened again).
 */
export function stdioEnds(role: "connect" | "serve" = "connect"): PipeEnds {
  const inputIsTerminal = Deno.stdin.isTerminal();
  const kind = stdioKind("/dev/stdin", inputIsTerminal);
  return {
    input: new InputPump(stdinSource(kind, "after-first-read")),
    output: role === "connect" ? setUpOnFirstWrite(() => stdoutSink()) : stdoutSink(),
    inputIsTerminal,
    afterPeerEnds: role === "serve" && kind !== "sync" ? "send-waiting" : "send-all",
  };
}

/** The sink `setUp` makes, made on the first write. */
function setUpOnFirstWrite(setUp: () => ByteSink): ByteSink {
  let sink: ByteSink | undefined;
  return { write: (bytes) => (sink ??= setUp()).write(bytes) };
}

/**
 * Standard input as a {@linkcode ByteSource}; a non-blocking one is made to wait. A pipe
 * is grown (growPipe) now, or once its first read is in (`grow`).
 */
export function stdinSource(
  kind = stdioKind("/dev/stdin", Deno.stdin.isTerminal()),
  grow: "now" | "after-first-read" = "now",
): ByteSource {
  if (kind === "sync") {
    return patientSource({ read: (buffer) => Promise.resolve(Deno.stdin.readSync(buffer)) }, 0);
  }
  const stdin = pipeGrown(kind === "pipe" ? grow : "never", reopenedBlocking(0) ?? Deno.stdin);
  return patientSource({
    read: (buffer) => stdin.read(buffer),
    waiting: () => readyNow(0, POLLIN),
  }, 0);
}

/** `stdin`, the pipe on descriptor 0 grown (growPipe) now, after its first chunk, or never. */
function pipeGrown(when: "now" | "after-first-read" | "never", stdin: ByteSource): ByteSource {
  if (when === "never") return stdin;
  if (when === "now") {
    growPipe(0);
    return stdin;
  }
  // Grown when the second read is asked for: the first chunk is on its way by then. Not on a
  // timer: Deno's first setTimeout() costs 10-25 ms (it loads its timers' code then).
  let reads = 0;
  return {
    read: (buffer) => {
      if (reads++ === 1) growPipe(0);
      return stdin.read(buffer);
    },
  };
}

/**
 * Standard output as a {@linkcode ByteSink}. A terminal gets the peer's bytes
 * with control characters shown escaped, never obeyed (`echo hi | tp1 connect`
 * must not let the server clear the screen); a file or pipe gets them unchanged.
 * A non-blocking one is made to wait.
 */
export function stdoutSink(kind = stdioKind("/dev/stdout", Deno.stdout.isTerminal())): ByteSink {
  if (kind === "sync") {
    return patientSink({ write: (bytes) => Promise.resolve(Deno.stdout.writeSync(bytes)) }, 1);
  }
  if (kind === "pipe") growPipe(1);
  const reopened = reopenedBlocking(1);
  const sink = reopened ??
    (isNonBlocking(1)
      ? nonBlockingSink(1) ?? patientSink(Deno.stdout, 1)
      : patientSink(Deno.stdout, 1));
  if (Deno.stdout.isTerminal()) return terminalSafeSink(sink);
  return kind === "pipe" ? writingAtOnce(sink) : sink;
}

/**
 * `sink` on a pipe, but what the pipe has room for is written at once, in the
 * call, on a non-blocking descriptor of our own on it (see patient_ends.ts):
 * Deno's own write goes through a helper thread, a hand-off that was the
 * largest part of a line's time through `tp1 serve | …`. Only a full pipe
 * (nothing taken) waits, through `sink`. Without FFI, `sink` as it is.
 */
export function writingAtOnce(sink: ByteSink, path = "/proc/self/fd/1"): ByteSink {
  const fd = openNonBlockingForWriting(path);
  if (fd === undefined) return sink;
  return {
    write: (bytes) => {
      const n = writeNow(fd, bytes) ?? 0;
      return n > 0 || bytes.length === 0 ? Promise.resolve(n) : sink.write(bytes);
    },
  };
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
