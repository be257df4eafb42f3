/**
 * The paste goal of issue 8: a 4 KB line pasted at the `tp1 connect` prompt
 * reaches the server in under 100 ms. A real terminal (tmux) runs the client;
 * this process is the server and times from the paste to the line's arrival.
 * `nc` in the same terminal is timed too, as the yardstick.
 *
 *   deno task bench:paste        (or: deno run -A bench/paste_prompt.ts)
 *
 * Settings: TP1_BENCH_PASTE_RUNS (default 5), TP1_BENCH_PASTE_BYTES (default 4096).
 */
import { TmuxPane } from "../tests/_helpers/tmux.ts";
import { envInteger, median } from "./_settings.ts";
import { REPO_ROOT, TP1_COMMAND } from "./_tp1_command.ts";

const GOAL_MS = 100;
const runs = Math.max(1, envInteger("TP1_BENCH_PASTE_RUNS", 5));
const bytes = Math.max(16, envInteger("TP1_BENCH_PASTE_BYTES", 4096));

/** A line of about `size` UTF-8 bytes with accents, different each run. */
function pastedLine(size: number, run: number): string {
  let line = `run ${run}: `;
  while (new TextEncoder().encode(line).length < size - 12) line += "déjà vu, ça va ";
  return line;
}

/** Times `runs` pastes into `command` (a client of the listener); returns the times in ms. */
async function timePastes(
  command: (port: number) => string[],
  size: number,
): Promise<number[]> {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  await using pane = await TmuxPane.start(command(listener.addr.port), {
    cwd: decodeURIComponent(REPO_ROOT.pathname),
    width: 120,
  });
  using conn = await listener.accept();
  const decoder = new TextDecoder();
  let received = "";
  let arrived: (() => void) | undefined;
  let waitingFor = "";
  (async () => {
    const buffer = new Uint8Array(65536);
    for (;;) {
      const n = await conn.read(buffer).catch(() => null);
      if (n === null) return;
      received += decoder.decode(buffer.subarray(0, n), { stream: true });
      if (waitingFor !== "" && received.includes(waitingFor + "\n")) arrived?.();
    }
  })();
  // Let the client draw its prompt before the first paste.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const line = pastedLine(size, run);
    const done = new Promise<void>((resolve) => arrived = resolve);
    waitingFor = line;
    const started = performance.now();
    await pane.paste(line + "\r");
    await done;
    times.push(performance.now() - started);
    received = "";
  }
  return times;
}

function report(name: string, times: number[]): number {
  const middle = median(times);
  console.log(
    `${name}: median ${middle.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${
      Math.max(...times).toFixed(0)
    }) over ${times.length} pastes`,
  );
  return middle;
}

/** The yardstick: `nc` if installed, else a few lines of Python doing what nc does. */
function yardstick(port: number): string[] {
  try {
    new Deno.Command("nc", { args: ["-h"], stdout: "null", stderr: "null" }).outputSync();
    return ["nc", "127.0.0.1", String(port)];
  } catch {
    return [
      "python3",
      "-c",
      "import socket,sys\ns=socket.create_connection(('127.0.0.1',int(sys.argv[1])))\n" +
      "for l in sys.stdin.buffer: s.sendall(l)",
      String(port),
    ];
  }
}

if (import.meta.main) {
  console.log(`pasting a ${bytes}-byte line (with accents) into a 120-column terminal (tmux)`);
  const tp1 = report(
    "tp1 connect",
    await timePastes((port) => [...TP1_COMMAND, "connect", "127.0.0.1", String(port)], bytes),
  );
  // The terminal's own line editing (cooked mode, which nc relies on) holds 4095 bytes a line.
  const plainBytes = Math.min(bytes, 4000);
  report(
    `${yardstick(0)[0]} in cooked mode (${plainBytes} bytes)`,
    await timePastes(yardstick, plainBytes),
  );
  console.log(`goal: tp1 under ${GOAL_MS} ms: ${tp1 < GOAL_MS ? "met" : "MISSED"}`);
}
