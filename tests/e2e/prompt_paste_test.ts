/**
 * Pasting at the prompt, in a real terminal (tmux): a long line with accents
 * arrives whole and exact, the terminal is not redrawn for every character
 * (what made a 4 KB paste take seconds), and typed keys still edit the line.
 * The time a paste takes is measured in bench/paste_prompt.ts.
 */
import { assert, assertEquals } from "../_helpers/assert.ts";
import { readToEnd } from "../_helpers/bytes.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { hasCommand } from "../_helpers/permissions.ts";
import { startTp1InTerminal } from "../_helpers/tp1.ts";

const ignore = !hasCommand("tmux");
const NEEDS = "(needs --allow-run and tmux)";

/** A 4 KB line (UTF-8 bytes) with accents and an emoji. */
function longLine(): string {
  let line = "début 🌍 ";
  while (new TextEncoder().encode(line).length < 4096 - 20) line += "déjà vu, ça va, où ? ";
  return line + "fin";
}

Deno.test({
  name: `tp1 connect takes a pasted 4 KB line whole, exact and without a redraw per key ${NEEDS}`,
  ignore,
}, async () => {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  await using tp1 = await startTp1InTerminal(["connect", "127.0.0.1", String(port)], {
    width: 100,
  });
  using server = await withDeadline(listener.accept(), "tp1 connect to connect");
  const decoder = new TextDecoder();
  let received = "";
  const done = readToEnd(server, (chunk) => {
    received += decoder.decode(chunk, { stream: true });
  });
  done.catch(() => undefined);
  const until = (expected: string) =>
    waitFor(() => received.includes(expected), () => `${expected} in ${received}`);
  await tp1.waitForScreen(new RegExp(`client@[^:\\s]+:${port}\\$`));

  const output = await Deno.makeTempFile({ prefix: "tp1-paste-" });
  try {
    await tp1.recordOutput(output);
    const line = longLine();
    await tp1.paste(line);
    await tp1.waitForScreen((screen) => screen.replaceAll("\n", "").endsWith("ça va, où ? fin"));
    await tp1.press("Enter");
    await until("fin\n");
    assertEquals(received, line + "\n");
    // Echoing the line once and redrawing it a few times is fine; once per key
    // (the old prompt) wrote some 70 KB for this paste.
    const written = (await Deno.readFile(output)).length;
    assert(written < 3 * 4096, `the terminal was sent ${written} bytes for a 4 KB paste`);
  } finally {
    await Deno.remove(output);
  }

  // Keys typed one at a time still edit the line, and history still works.
  received = "";
  await tp1.type("abc");
  await tp1.press("Left", "Left");
  await tp1.type("X");
  await tp1.press("Enter");
  await until("aXbc\n");
  await tp1.press("Up", "Enter");
  await until("aXbc\naXbc\n");
  // Two pasted lines are two lines sent.
  await tp1.paste("première\rseconde\r");
  await until("première\nseconde\n");

  await tp1.press("C-d");
  await withDeadline(done, "the client's half-close");
  server.close();
  assertEquals(await tp1.exitStatus(), 0);
});
