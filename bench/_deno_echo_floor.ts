/**
 * Deno's floor for bench/echo_latency.ts on a terminal: the least an interactive
 * Deno pair can do per line, the way tp1 does it (node's process.stdin in raw
 * mode, a TCP socket with Nagle off, writes to the terminal), and nothing else:
 * no line editor, no room, no sanitising. What tp1 costs above this is its own
 * code; what this costs above nc is Deno's (waking up, its event loop, V8).
 *
 *   deno run -A bench/_deno_echo_floor.ts serve --host 127.0.0.1 -p PORT
 *   deno run -A bench/_deno_echo_floor.ts connect 127.0.0.1 PORT
 *
 * Typed keys are echoed; Enter sends the line and draws a prompt; a line received
 * is shown as "from server: LINE" (client) or "client: LINE" (server) with the
 * prompt and what is typed drawn again under it, each in one write.
 */
import process from "node:process";

const [mode] = Deno.args;
const port = Number(Deno.args.at(-1));
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const PROMPT = "> ";
const write = (text: string) => Deno.stdout.writeSync(encoder.encode(text));

// Raw before the connection exists: the bench types as soon as the server shows the client.
process.stdin.setRawMode(true);
let conn: Deno.TcpConn;
if (mode === "serve") {
  using listener = Deno.listen({ hostname: "127.0.0.1", port });
  conn = await listener.accept();
  write(`127.0.0.1 connected\r\n${PROMPT}`);
} else {
  conn = await Deno.connect({ hostname: "127.0.0.1", port });
  write(PROMPT);
}
conn.setNoDelay(true);

let typed = "";
process.stdin.on("data", (chunk: Uint8Array) => {
  let echo = "";
  for (const char of decoder.decode(chunk)) {
    if (char === "\x03" || char === "\x04") Deno.exit(0);
    if (char === "\r") {
      conn.write(encoder.encode(`${typed}\n`));
      typed = "";
      echo += `\r\n${PROMPT}`;
    } else {
      typed += char;
      echo += char;
    }
  }
  write(echo);
});
process.stdin.resume();

const shownAs = mode === "serve" ? "client: " : "from server: ";
const buffer = new Uint8Array(64 * 1024);
let partial = "";
for (;;) {
  const n = await conn.read(buffer);
  if (n === null) break;
  const lines = (partial + decoder.decode(buffer.subarray(0, n), { stream: true })).split("\n");
  partial = lines.pop()!;
  for (const line of lines) write(`\r\x1b[K${shownAs}${line}\r\n${PROMPT}${typed}`);
}
Deno.exit(0);
