/**
 * Tests for RequestedPassword through runClientSession: a server's password
 * request is answered hidden (askSecret), never shown as data, and the verdict
 * is said locally; a refusal makes the session fail.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { readToEnd, utf8 } from "../_helpers/bytes.ts";
import { waitFor, withDeadline } from "../_helpers/deadline.ts";
import { FakeConsole } from "../_helpers/fake_console.ts";
import { runClientSession } from "../../src/client/client_session.ts";
import { PeerLink } from "../../src/streams/peer_link.ts";
import {
  PASSWORD_ACCEPTED,
  PASSWORD_REJECTED,
  PASSWORD_REQUEST,
} from "../../src/auth/password_protocol.ts";
import { fr } from "../../src/i18n/messages_fr.ts";
import { en } from "../../src/i18n/messages_en.ts";

/** A session against a raw server socket; `server` reads what the client sends. */
async function session() {
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const conn = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const server = await listener.accept();
  const console = new FakeConsole();
  const ended = runClientSession(new PeerLink(conn), console, { lineEnding: "\n" });
  let received = "";
  const reading = readToEnd(server, (chunk) => {
    received += new TextDecoder().decode(chunk);
  });
  reading.catch(() => undefined);
  return {
    console,
    server,
    ended,
    received: () => received,
  };
}

Deno.test("runClientSession() asks for a requested password hidden, sends it, and says it was accepted", async () => {
  const t = await session();
  await t.server.write(utf8(`${PASSWORD_REQUEST}\r\n`));
  await waitFor(() => t.console.secretPrompts.length === 1, () => "the secret to be asked for");
  assertEquals(t.console.secretPrompts, ["password: "]);
  t.console.answerSecret("correct horse");
  await waitFor(() => t.received() === "correct horse\n", () => "the password to arrive");
  await t.server.write(utf8(`${PASSWORD_ACCEPTED}\nhello\n`));
  await t.console.waitForShown("from server: hello");
  assertEquals(t.console.shown, [
    "* the server asks for a password: type it (it is not shown) and press Enter",
    "* password accepted",
    "from server: hello",
  ]);
  t.server.close();
  assertEquals(await withDeadline(t.ended, "the session to end"), 0);
});

Deno.test("runClientSession() fails (exit 1) when the server refuses the password typed at its request", async () => {
  const t = await session();
  await t.server.write(utf8(`${PASSWORD_REQUEST}\n`));
  await waitFor(() => t.console.secretPrompts.length === 1, () => "the secret to be asked for");
  t.console.answerSecret("battery staple");
  await waitFor(() => t.received() === "battery staple\n", () => "the password to arrive");
  await t.server.write(utf8(`${PASSWORD_REJECTED}\n`));
  t.server.close();
  assertEquals(await withDeadline(t.ended, "the session to end"), 1);
  assertEquals(t.console.shown.includes(`from server: ${PASSWORD_REJECTED}`), true);
});

Deno.test("runClientSession() recognises a French server's request, and a request later on is data", async () => {
  const t = await session();
  await t.server.write(utf8(`${fr.gate.passwordRequest}\n`));
  await waitFor(() => t.console.secretPrompts.length === 1, () => "the secret to be asked for");
  t.console.answerSecret("mot");
  await t.server.write(utf8(`${fr.gate.passwordAccepted}\n${PASSWORD_REQUEST}\n`));
  await t.console.waitForShown(`from server: ${PASSWORD_REQUEST}`);
  assertEquals(t.console.secretPrompts.length, 1);
  // Shown as data, then a warning: typed at the prompt, a password would be in view.
  await t.console.waitForShown(en.client.latePasswordRequest);
  t.server.close();
  assertEquals(await withDeadline(t.ended, "the session to end"), 0);
});

Deno.test("runClientSession() warns after a password request that comes later in the session, and answers none hidden", async () => {
  const t = await session();
  await t.server.write(utf8("* welcome\n"));
  await t.console.waitForShown("from server: * welcome");
  await t.server.write(utf8(`${PASSWORD_REQUEST}\n${PASSWORD_REQUEST}\n`));
  await waitFor(
    () => t.console.shown.filter((line) => line === en.client.latePasswordRequest).length === 2,
    () => `a warning after each late request; shown ${JSON.stringify(t.console.shown)}`,
  );
  assertEquals(t.console.secretPrompts, []);
  assertEquals(t.console.shown, [
    "from server: * welcome",
    `from server: ${PASSWORD_REQUEST}`,
    en.client.latePasswordRequest,
    `from server: ${PASSWORD_REQUEST}`,
    en.client.latePasswordRequest,
  ]);
  t.server.close();
  assertEquals(await withDeadline(t.ended, "the session to end"), 0);
});

Deno.test('runClientSession() takes no verdict sent before the password: a premature "accepted" is the server\'s data', async () => {
  const t = await session();
  await t.server.write(utf8(`${PASSWORD_REQUEST}\n${PASSWORD_ACCEPTED}\n`));
  await t.console.waitForShown(`from server: ${PASSWORD_ACCEPTED}`);
  assertEquals(t.console.secretPrompts, ["password: "]);
  t.console.answerSecret("hunter2");
  await waitFor(() => t.received() === "hunter2\n", () => "the password to arrive");
  await t.server.write(utf8(`${PASSWORD_ACCEPTED}\n`));
  await t.console.waitForShown("* password accepted");
  t.server.close();
  assertEquals(await withDeadline(t.ended, "the session to end"), 0);
});
