/**
 * Password guessing, issue 7's attack and goal: 24 parallel workers guess a
 * `serve --chat --password-file` server's password from 127.0.0.2, each giving
 * up on an answer after 50 ms (a late answer means "wrong" when the right one
 * is answered at once), while a legitimate client logs in from 127.0.0.3 once
 * a second. Reported: attempts the server logged as wrong (it logs them once
 * answered, so the old throttle's are counted late) and guesses whose outcome
 * the attacker learned, per second and per minute after the first 10 s; the
 * attacker's refusals;
 * the legitimate client's slowest admission (goal: under 1 s, every time); and
 * the server's peak open descriptors (/proc/PID/fd), under `ulimit -n 256`
 * (TP1_GUESS_ULIMIT; 0 leaves the limit alone).
 *
 *   deno run -A bench/password_guessing.ts
 *   TP1_GUESS_SECONDS=60 TP1_GUESS_ROOT=/tmp/tp1-before deno run -A bench/password_guessing.ts
 *
 * TP1_GUESS_ROOT runs another checkout's main.ts (e.g. the code before the
 * throttle, from `git archive`), for the before/after figures. Loopback only.
 */
import * as net from "node:net";
import { envInteger, median } from "./_settings.ts";
import { freePort } from "./_chat_harness.ts";

const seconds = Math.max(5, envInteger("TP1_GUESS_SECONDS", 30));
const workers = Math.max(1, envInteger("TP1_GUESS_WORKERS", 24));
const fdLimit = envInteger("TP1_GUESS_ULIMIT", 256);
const root = Deno.env.get("TP1_GUESS_ROOT") ||
  decodeURIComponent(new URL("../", import.meta.url).pathname);
const ATTACKER = "127.0.0.2";
const LEGIT = "127.0.0.3";
const PASSWORD = "correct horse battery staple";
const GIVE_UP_MS = 50;

/** Connects from `from`, sends `answer` once asked; the lines received, within `ms`. */
function attempt(
  port: number,
  from: string,
  answer: string,
  ms: number,
): Promise<{ lines: string[]; elapsedMs: number; verdictMs?: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress: from });
    let text = "";
    let asked = false;
    let answeredAt = 0;
    let verdictMs: number | undefined;
    // Not even asked within a second (the server's backlog is full): give up on this one too.
    let timer: ReturnType<typeof setTimeout> | undefined = setTimeout(() => finish(), 1000);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({
        lines: text.split("\n").slice(0, -1),
        elapsedMs: performance.now() - started,
        verdictMs,
      });
    };
    socket.setEncoding("utf8");
    socket.on("error", finish);
    socket.on("close", finish);
    socket.on("data", (chunk: string) => {
      text += chunk;
      const lines = text.split("\n").slice(0, -1);
      if (!asked && lines[0]?.includes("needs a password")) {
        asked = true;
        answeredAt = performance.now();
        socket.write(answer + "\n");
        clearTimeout(timer);
        timer = setTimeout(finish, ms);
      } else if (!asked && lines.length > 0) {
        finish(); // refused before being asked
      } else if (asked && lines.length > 1) {
        verdictMs ??= performance.now() - answeredAt;
        // The verdict; a welcome line may follow an accepted password.
        if (lines[1].includes("wrong") || text.includes("welcome")) finish();
      }
    });
  });
}

const dir = await Deno.makeTempDir({ prefix: "tp1-guess-" });
const file = `${dir}/password`;
await Deno.writeTextFile(file, PASSWORD + "\n");
const port = freePort();
const server = new Deno.Command("sh", {
  args: [
    "-c",
    `${
      fdLimit > 0 ? `ulimit -n ${fdLimit} && ` : ""
    }exec "$0" run --allow-all main.ts serve --chat --host 127.0.0.1 -p ${port} --password-file "${file}" -v`,
    Deno.execPath(),
  ],
  cwd: root,
  stdin: "null",
  stdout: "piped",
  stderr: "piped",
}).spawn();
let log = "";
const reading = server.stdout.pipeThrough(new TextDecoderStream()).pipeTo(
  new WritableStream({ write: (chunk) => void (log += chunk) }),
);
const errors = server.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
  new WritableStream({ write: () => {} }),
);
const wrongCount = () => (log.match(/: wrong password$/gm) ?? []).length;
while (!log.includes("tp1 chat room")) await new Promise((r) => setTimeout(r, 50));

let peakFds = 0;
const fdTimer = setInterval(() => {
  try {
    peakFds = Math.max(peakFds, [...Deno.readDirSync(`/proc/${server.pid}/fd`)].length);
  } catch { /* gone */ }
}, 100);

const startedAt = performance.now();
const deadline = startedAt + seconds * 1000;
let guesses = 0;
let inferred = 0;
let refused = 0;
let stalled = 0;
let rejected = 0;
/** Guesses whose outcome the attacker learned: told "wrong", or no answer within 50 ms. */
const learned = () => inferred + rejected;
let learnedAt10s = -1;
let found = false;
let wrongAt10s = -1;
const attacker = async () => {
  while (performance.now() < deadline) {
    const guess = `guess-${guesses++}`;
    const { lines, verdictMs } = await attempt(port, ATTACKER, guess, GIVE_UP_MS);
    if (lines.some((line) => line.includes("accepted"))) found = true;
    else if (lines[1]?.includes("wrong")) {
      rejected++;
      if (verdictMs !== undefined) wrongVerdictMs.push(verdictMs);
    } else if (lines[0]?.includes("needs a password") && lines.length === 1) inferred++;
    else if (lines.length === 0) stalled++;
    else if (!lines[0]?.includes("needs a password")) refused++;
  }
};
const legitDelays: number[] = [];
const wrongVerdictMs: number[] = [];
const rightVerdictMs: number[] = [];
let legitFailures = 0;
const legit = async () => {
  while (performance.now() < deadline) {
    const { lines, elapsedMs, verdictMs } = await attempt(port, LEGIT, PASSWORD, 5000);
    if (verdictMs !== undefined) rightVerdictMs.push(verdictMs);
    if (lines.some((line) => line.includes("welcome"))) legitDelays.push(elapsedMs);
    else legitFailures++;
    await new Promise((r) => setTimeout(r, 1000));
  }
};
const marker = setTimeout(() => {
  wrongAt10s = wrongCount();
  learnedAt10s = learned();
}, 10_000);
await Promise.all([...Array.from({ length: workers }, attacker), legit()]);
clearTimeout(marker);
clearInterval(fdTimer);
const elapsed = (performance.now() - startedAt) / 1000;
const evaluated = wrongCount();
server.kill("SIGINT");
await server.status;
await Promise.all([reading, errors]);
await Deno.remove(dir, { recursive: true });

const worst = Math.max(...legitDelays);
console.log(`tp1 at ${root}: ${workers} workers from ${ATTACKER} for ${elapsed.toFixed(1)} s`);
console.log(
  `  wrong passwords logged by the server: ${evaluated} (${(evaluated / elapsed).toFixed(1)}/s)`,
);
if (wrongAt10s >= 0) {
  const late = evaluated - wrongAt10s;
  const perMinute = late / ((elapsed - 10) / 60);
  console.log(`  after the first 10 s: ${late} (${perMinute.toFixed(1)} per minute)`);
}
if (learnedAt10s >= 0) {
  const late = learned() - learnedAt10s;
  console.log(
    `  guesses whose outcome the attacker learned: ${learned()} ` +
      `(${(learned() / elapsed).toFixed(1)}/s); after the first 10 s: ` +
      `${(late / ((elapsed - 10) / 60)).toFixed(1)} per minute`,
  );
}
console.log(
  `  attacker: ${guesses} connections, ${rejected} told "wrong", ${inferred} guesses judged wrong by the 50 ms give-up, ` +
    `${refused} refused before being asked, ${stalled} never answered within 1 s, ` +
    `password found: ${found}`,
);
console.log(
  `  legitimate client from ${LEGIT}: ${legitDelays.length} admitted, ${legitFailures} not, ` +
    `slowest ${legitDelays.length ? worst.toFixed(0) : "-"} ms (goal: every one under 1000 ms)`,
);
const medianOf = (values: number[]) => values.length ? `${median(values).toFixed(1)} ms` : "-";
console.log(
  `  answer to verdict, median: right ${medianOf(rightVerdictMs)} (${rightVerdictMs.length}), ` +
    `wrong ${medianOf(wrongVerdictMs)} (${wrongVerdictMs.length}, those within the 50 ms give-up)`,
);
console.log(
  `  server's peak open descriptors: ${peakFds} (ulimit -n ${fdLimit > 0 ? fdLimit : "not set"})`,
);
