/**
 * What serve and connect share for `--record` and `-v`: opening the transcript
 * before anything starts, and turning each connection's story into a
 * transcript event and a `-v` line. Thin glue over Recorder and observeConn.
 */
import { formatHostPort, fromNetAddr } from "../core/host_port.ts";
import type { ConnStory } from "./observed_conn.ts";
import { openRecordFile } from "./record_file.ts";
import { Recorder } from "./recorder.ts";
import { redactCommandLine } from "./redact_command.ts";

/** A `--record` transcript, open and waiting for its header. */
export interface Recording {
  readonly recorder: Recorder;
  /** The command line with secrets removed, for the header. */
  readonly command: string;
}

/** Opens `path` (a UserError in one sentence when it cannot be written). */
export function openRecording(
  path: string,
  command: string,
  args: readonly string[],
  warn: (message: string) => void,
): Recording {
  const file = openRecordFile(path);
  return {
    recorder: new Recorder(file, { onError: warn }),
    command: redactCommandLine(command, args),
  };
}

/** `127.0.0.1:7999`, `[::1]:7999`. */
export function addressOf(addr: Deno.Addr): string {
  return formatHostPort(fromNetAddr(addr as Deno.NetAddr));
}

/** The transcript event for a connection that ended. */
export function closedEvent(role: "client" | "server", story: ConnStory) {
  return {
    type: "closed" as const,
    role,
    local: addressOf(story.local),
    peer: addressOf(story.peer),
    first: story.first,
    reset: story.reset,
    sent: story.sent,
    received: story.received,
    durationMs: story.durationMs,
  };
}
