import { assertEquals, assertIncludes, assertMatch } from "../_helpers/assert.ts";
import type { ClientId } from "../../src/room/room_types.ts";
import { WHO_LISTED } from "../../src/room/member_list_format.ts";
import { describe, join, leave, newRoom, operator, say } from "./_room_script.ts";

function chatRoom(announceLimit?: number) {
  return newRoom({ mode: "chat", announceLimit });
}

Deno.test("Room.handle() in chat mode welcomes a newcomer and tells it who is already there", () => {
  const room = chatRoom();
  assertEquals(join(room, 1), [
    "show: * user1 joined from 192.168.100.1:50001 — 1 client connected",
    "to 1: * welcome to the tp1 chat room, user1!",
    "to 1: * nobody else is here yet",
    "to 1: * /nick NAME changes your name, /help lists the commands",
    "to all but 1: * user1 joined from 192.168.100.1",
  ]);
  assertEquals(join(room, 2).slice(2), [
    "to 2: * here already: user1 (192.168.100.1)",
    "to 2: * /nick NAME changes your name, /help lists the commands",
    "to all but 2: * user2 joined from 192.168.100.2",
  ]);
});

Deno.test("Room.handle() in chat mode relays a line to everyone else and shows it, with the name", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(say(room, 1, "Bonjour, ça va ? 🎉"), [
    "show: <user1> Bonjour, ça va ? 🎉",
    "to all but 1: <user1> Bonjour, ça va ? 🎉",
  ]);
});

Deno.test("Room.handle() in chat mode escapes control characters a client sends", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(say(room, 1, "\x1b[2Jgotcha\x07"), [
    "show: <user1> \\e[2Jgotcha\\a",
    "to all but 1: <user1> \\e[2Jgotcha\\a",
  ]);
});

Deno.test("Room.handle() in chat mode relays nothing for an empty line", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(say(room, 1, ""), []);
});

Deno.test("Room.handle() in chat mode sends a // line as a literal slash", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(say(room, 1, "//shrug"), ["show: <user1> /shrug", "to all but 1: <user1> /shrug"]);
});

Deno.test("Room.handle() in chat mode announces a leave with its reason", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  say(room, 2, "/nick alice");
  assertEquals(leave(room, 2, { kind: "reset" }), [
    "show: * alice left (connection reset) — 1 client connected",
    "to all but 2: * alice left (connection reset)",
  ]);
  assertEquals(leave(room, 1), ["show: * user1 left — 0 clients connected"]);
  assertEquals(leave(room, 1), [], "a second leave is ignored");
});

Deno.test("Room.handle() in chat mode renames with /nick and tells everyone", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(say(room, 1, "/nick Hélène"), [
    "show: * user1 is now known as Hélène",
    "to 1: * you are now known as Hélène",
    "to all but 1: * user1 is now known as Hélène",
  ]);
  assertEquals(say(room, 1, "hi"), ["show: <Hélène> hi", "to all but 1: <Hélène> hi"]);
  assertEquals(room.members.map((m) => m.name), ["Hélène", "user2"]);
});

Deno.test("Room.handle() in chat mode refuses a /nick that is taken, reserved or invalid", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  say(room, 1, "/nick alice");
  assertEquals(say(room, 2, "/nick ALICE"), ['to 2: * "ALICE" is taken: choose another name']);
  assertEquals(say(room, 2, "/nick server"), ['to 2: * "server" is reserved: choose another name']);
  assertEquals(say(room, 2, "/nick user1"), ['to 2: * "user1" is reserved: choose another name']);
  assertMatch(say(room, 2, "/nick <b>")[0], /^to 2: \* "<b>" is not a valid name/);
  assertEquals(say(room, 2, "/nick"), ["to 2: * usage: /nick NAME"]);
  assertEquals(room.members.map((m) => m.name), ["alice", "user2"]);
});

Deno.test("Room.handle() in chat mode frees a name when its owner leaves", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  say(room, 1, "/nick alice");
  leave(room, 1);
  assertEquals(say(room, 2, "/nick alice")[1], "to 2: * you are now known as alice");
});

Deno.test("Room.handle() in chat mode delivers /msg to one client only and echoes it to the sender", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  join(room, 3);
  say(room, 2, "/nick bob");
  assertEquals(say(room, 1, "/msg BOB rendez-vous à 10 h"), [
    "to 2: [private] <user1> rendez-vous à 10 h",
    "to 1: [private to bob] rendez-vous à 10 h",
  ]);
});

Deno.test("Room.handle() in chat mode lets a client /msg the operator", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(say(room, 1, "/msg server can I go?"), [
    "show: [private] <user1> can I go?",
    "to 1: [private to server] can I go?",
  ]);
});

Deno.test("Room.handle() in chat mode explains a /msg to nobody or to oneself", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(say(room, 1, "/msg ghost boo"), [
    'to 1: * nobody here is called "ghost"; /who lists who is connected',
  ]);
  assertEquals(say(room, 1, "/msg user1 hi me"), [
    "to 1: * that is you: /msg sends to someone else",
  ]);
  assertEquals(say(room, 1, "/msg ghost"), ["to 1: * usage: /msg NAME text"]);
});

Deno.test("Room.handle() in chat mode shows /me to everyone, the sender included", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(say(room, 2, "/me waves"), ["show: * user2 waves", "to all: * user2 waves"]);
});

Deno.test("Room.handle() in chat mode answers /who to the asker only, marking them", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(say(room, 2, "/who"), [
    "to 2: * 2 clients connected:",
    "to 2: *   user1  192.168.100.1:50001  since 10:00:01 (4 min)",
    "to 2: *   user2  192.168.100.2:50002  since 10:00:02 (4 min)  (you)",
  ]);
});

Deno.test("Room.handle() in chat mode answers /help with the clients' commands", () => {
  const room = chatRoom();
  join(room, 1);
  const help = say(room, 1, "/help");
  assertEquals(help[0], "to 1: * commands:");
  assertIncludes(help.join("\n"), "/quit");
  assertEquals(help.join("\n").includes("/kick"), false);
});

Deno.test("Room.handle() in chat mode says goodbye on /quit and closes the connection", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(say(room, 1, "/quit"), ["to 1: * bye, user1", "disconnect 1 (quit)"]);
  assertEquals(leave(room, 1, { kind: "quit" }), [
    "show: * user1 left (/quit) — 0 clients connected",
  ]);
});

Deno.test("Room.handle() in chat mode names an unknown command and lists the valid ones", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(say(room, 1, "/join #lab"), [
    'to 1: * unknown command "/join"; commands: /who /nick /msg /me /help /quit (//text sends a line starting with /)',
  ]);
});

Deno.test("Room.handle() in chat mode keeps /kick, /all and /to for the operator", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  for (const line of ["/kick user2", "/all hello", "/to user2 hi", "/kick"]) {
    const [reply, ...rest] = say(room, 1, line);
    assertMatch(reply, /^to 1: \* \/(kick|all|to) is for the server's operator; your commands:/);
    assertEquals(rest, []);
  }
});

Deno.test("Room.handle() in chat mode tells a client its long line was cut", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(say(room, 1, "aaaa", 4), [
    "show: <user1> aaaa",
    "to all but 1: <user1> aaaa",
    "to 1: * your line was longer than 4 bytes (the server's --max-line): only its beginning was sent",
  ]);
});

Deno.test("Room.handle() in chat mode sends the operator's lines to everyone as <server>", () => {
  const room = chatRoom();
  assertEquals(operator(room, "hello"), ["show: * nobody is connected: that line was not sent"]);
  join(room, 1);
  assertEquals(operator(room, "hello"), ["to all: <server> hello"]);
  assertEquals(operator(room, "/all fin du TP à 17 h"), ["to all: <server> fin du TP à 17 h"]);
  assertEquals(operator(room, "/me arrives"), [
    "show: * server arrives",
    "to all: * server arrives",
  ]);
});

Deno.test("Room.handle() in chat mode sends the operator's /to and /msg privately and confirms them", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(operator(room, "/to user2 see me after"), [
    "to 2: [private] <server> see me after",
    "show: [private to user2] see me after",
  ]);
  assertEquals(operator(room, "/msg 192.168.100.1:50001 you too"), [
    "to 1: [private] <server> you too",
    "show: [private to user1] you too",
  ]);
});

Deno.test("Room.handle() lets the operator /kick a client with a reason everyone reads", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  say(room, 2, "/nick troll");
  assertEquals(operator(room, "/kick TROLL flooding"), [
    "to 2: * you were kicked by the server's operator: flooding",
    "disconnect 2 (kicked)",
  ]);
  assertEquals(leave(room, 2, { kind: "kicked", reason: "flooding" }), [
    "show: * troll was kicked (flooding) — 1 client connected",
    "to all but 2: * troll was kicked (flooding)",
  ]);
  assertEquals(operator(room, "/kick troll"), [
    'show: * nobody here is called "troll"; /who lists who is connected',
  ]);
});

Deno.test("Room.handle() shows the operator /who with everyone and /quit's real spelling", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(operator(room, "/who"), [
    "show: * 1 client connected:",
    "show: *   user1  192.168.100.1:50001  since 10:00:01 (4 min)",
  ]);
  assertEquals(operator(room, "/quit"), [
    'show: * type "exit" (or press Ctrl-D) to stop the server',
  ]);
  assertMatch(operator(room, "/nick boss")[0], /^show: \* \/nick is for clients; your commands:/);
});

Deno.test("Room.handle() bounds the operator's /who in a big room as a client's (the screen holds only so much)", () => {
  const room = chatRoom();
  for (let id = 1; id <= WHO_LISTED + 50; id++) join(room, id);
  const shown = operator(room, "/who");
  assertEquals(shown.length, 1 + WHO_LISTED + 1);
  assertEquals(shown[0], `show: * ${WHO_LISTED + 50} clients connected:`);
  assertEquals(shown.at(-1), "show: *   … and 50 more");
});

Deno.test("Room.handle() in chat mode stops announcing joins and leaves to clients in a big room", () => {
  const room = chatRoom(2);
  join(room, 1);
  join(room, 2);
  const third = join(room, 3);
  assertEquals(third.filter((line) => line.startsWith("to all")), [
    "to all but 3: * more than 2 people are here now: joins and leaves are no longer announced (/who lists who is here)",
  ]);
  assertIncludes(third.join("\n"), "to 3: * the room is large");
  assertEquals(join(room, 4).filter((line) => line.startsWith("to all")), []);
  assertEquals(leave(room, 4).filter((line) => !line.startsWith("show")), []);
  assertEquals(leave(room, 3).filter((line) => !line.startsWith("show")), []);
  assertEquals(leave(room, 2), [
    "show: * user2 left — 1 client connected",
    "to all but 2: * user2 left",
  ]);
});

Deno.test("Room.handle() in chat mode tells everyone when the server stops", () => {
  const room = chatRoom();
  assertEquals(describeStop(room), []);
  join(room, 1);
  assertEquals(describeStop(room), ["to all: * the server is stopping: goodbye"]);
});

function describeStop(room: ReturnType<typeof chatRoom>): string[] {
  return room.handle({ type: "stopping" }).map((a) => a.type === "send" ? `to all: ${a.text}` : "");
}

Deno.test("Room.handle() in chat mode relays a batch of lines in few actions and stops at /quit", () => {
  const room = chatRoom();
  join(room, 1);
  join(room, 2);
  const actions = room.handle({
    type: "lines",
    id: 1 as ClientId,
    lines: [{ text: "one" }, { text: "two", cutAt: 3 }, { text: "/quit" }, { text: "after" }],
  });
  assertEquals(
    actions.length,
    4,
    "one show, one send to the others, one to the sender, one disconnect",
  );
  // Lines for the same place are batched: the screen's, then the others'.
  assertEquals(describe(actions), [
    "show: <user1> one",
    "show: <user1> two",
    "to all but 1: <user1> one",
    "to all but 1: <user1> two",
    "to 1: * your line was longer than 3 bytes (the server's --max-line): only its beginning was sent",
    "to 1: * bye, user1",
    "disconnect 1 (quit)",
  ]);
});

Deno.test("Room.handle() in chat mode does not say the operator's ending exit to the room", () => {
  const room = chatRoom();
  join(room, 1);
  assertEquals(operator(room, "exit"), []);
});
