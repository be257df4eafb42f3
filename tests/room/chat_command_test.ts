import { commandNames, helpLines, mayUse, parseChatInput } from "../../src/room/chat_command.ts";
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";

Deno.test("parseChatInput() reads a line without a slash as text to say", () => {
  assertEquals(parseChatInput("bonjour à tous"), { kind: "say", text: "bonjour à tous" });
});

Deno.test("parseChatInput() turns a leading // into a literal slash", () => {
  assertEquals(parseChatInput("//etc/hosts is the file"), {
    kind: "say",
    text: "/etc/hosts is the file",
  });
});

Deno.test("parseChatInput() reads /nick, /msg, /me and /kick with their arguments", () => {
  assertEquals(parseChatInput("/nick Hélène"), {
    kind: "command",
    command: { name: "nick", nick: "Hélène" },
  });
  assertEquals(parseChatInput("/msg bob  see you at 10"), {
    kind: "command",
    command: { name: "msg", target: "bob", text: "see you at 10" },
  });
  assertEquals(parseChatInput("/me waves"), {
    kind: "command",
    command: { name: "me", text: "waves" },
  });
  assertEquals(parseChatInput("/kick user3 flooding the room"), {
    kind: "command",
    command: { name: "kick", target: "user3", reason: "flooding the room" },
  });
  assertEquals(parseChatInput("/kick user3"), {
    kind: "command",
    command: { name: "kick", target: "user3" },
  });
});

Deno.test("parseChatInput() ignores the case of the command name", () => {
  assertEquals(parseChatInput("/WHO"), { kind: "command", command: { name: "who" } });
});

Deno.test("parseChatInput() reports a known command whose arguments are missing", () => {
  assertEquals(parseChatInput("/msg bob"), { kind: "incomplete", name: "msg" });
  assertEquals(parseChatInput("/nick   "), { kind: "incomplete", name: "nick" });
  assertEquals(parseChatInput("/to"), { kind: "incomplete", name: "to" });
});

Deno.test("parseChatInput() reports an unknown command by the name typed", () => {
  assertEquals(parseChatInput("/Join #lab"), { kind: "unknown", name: "Join" });
  assertEquals(parseChatInput("/"), { kind: "unknown", name: "" });
});

Deno.test("mayUse() keeps /kick, /all and /to for the operator", () => {
  for (const name of ["kick", "all", "to"] as const) {
    assertEquals(mayUse(name, "client", "chat"), false, name);
    assertEquals(mayUse(name, "operator", "chat"), true, name);
    assertEquals(mayUse(name, "operator", "lab"), true, name);
  }
});

Deno.test("mayUse() keeps /nick and /quit for clients in chat mode", () => {
  assertEquals(mayUse("nick", "client", "chat"), true);
  assertEquals(mayUse("nick", "operator", "chat"), false);
  assertEquals(mayUse("quit", "client", "chat"), true);
  assertEquals(mayUse("msg", "operator", "lab"), false);
});

Deno.test("commandNames() lists what each speaker may use", () => {
  assertEquals(commandNames("client", "chat"), "/who /nick /msg /me /help /quit");
  assertEquals(commandNames("operator", "lab"), "/who /to /all /kick /help");
  assertEquals(commandNames("operator", "chat"), "/who /msg /me /to /all /kick /help");
});

Deno.test("helpLines() gives one aligned line per command and explains //", () => {
  const lines = helpLines("client", "chat");
  assertEquals(lines[0], "* commands:");
  assertEquals(lines.length, 1 + 6 + 1);
  assertIncludes(lines.join("\n"), "/msg NAME text");
  assertIncludes(lines[lines.length - 1], "//text");
  const columns = new Set(lines.slice(1).map((line) => line.search(/ {2}\S/g)));
  assertEquals(columns.size, 1, "summaries start in the same column");
});
