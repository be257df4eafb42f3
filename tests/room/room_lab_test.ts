import { assertEquals, assertMatch } from "../_helpers/assert.ts";
import { join, leave, newRoom, operator, say } from "./_room_script.ts";

Deno.test("Room.handle() in lab mode shows a client's arrival, name and count to the operator only", () => {
  const room = newRoom();
  assertEquals(join(room, 1), [
    "show: * 192.168.100.1:50001 connected as user1 (1 client connected)",
  ]);
});

Deno.test("Room.handle() in lab mode shows clients' lines with their name and address and relays nothing", () => {
  const room = newRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(say(room, 1, "/nick bob"), ["show: user1 (192.168.100.1:50001): /nick bob"]);
  assertEquals(say(room, 2, "bell\x07"), ["show: user2 (192.168.100.2:50002): bell\\a"]);
});

Deno.test("Room.handle() in lab mode sends the operator's lines, unchanged, to every client", () => {
  const room = newRoom();
  assertEquals(operator(room, "hello"), ["show: * nobody is connected: that line was not sent"]);
  join(room, 1);
  join(room, 2);
  assertEquals(operator(room, "hello"), ["to all: hello"]);
  assertEquals(operator(room, "//root"), ["to all: /root"]);
  assertEquals(operator(room, "/all everyone"), ["to all: everyone"]);
});

Deno.test("Room.handle() in lab mode sends /to NAME text to that client only and confirms it", () => {
  const room = newRoom();
  join(room, 1);
  join(room, 2);
  assertEquals(operator(room, "/to user2 just you"), [
    "to 2: just you",
    "show: [private to user2] just you",
  ]);
  assertEquals(operator(room, "/to 192.168.100.1:50001 and you"), [
    "to 1: and you",
    "show: [private to user1] and you",
  ]);
  assertEquals(operator(room, "/to user9 hello"), [
    'show: * nobody here is called "user9"; /who lists who is connected',
  ]);
});

Deno.test("Room.handle() in lab mode lists clients on /who and disconnects them on /kick", () => {
  const room = newRoom();
  join(room, 1);
  assertEquals(operator(room, "/who"), [
    "show: * 1 client connected:",
    "show: *   user1  192.168.100.1:50001  since 10:00:01 (4 min)",
  ]);
  assertEquals(operator(room, "/kick user1"), [
    "to 1: * you were kicked by the server's operator",
    "disconnect 1 (kicked)",
  ]);
  assertEquals(leave(room, 1, { kind: "kicked" }), [
    "show: * 192.168.100.1:50001 (user1) was kicked (0 clients connected)",
  ]);
});

Deno.test("Room.handle() in lab mode says which commands the operator has", () => {
  const room = newRoom();
  assertMatch(
    operator(room, "/msg user1 hi")[0],
    /^show: \* \/msg is for clients; your commands: \/who \/to \/all \/kick \/help$/,
  );
  assertMatch(operator(room, "/etc/passwd")[0], /^show: \* unknown command "\/etc\/passwd"/);
});

Deno.test("Room.handle() in lab mode reports a cut line to the operator, not to the client", () => {
  const room = newRoom();
  join(room, 1);
  assertEquals(say(room, 1, "abcd", 4), [
    "show: user1 (192.168.100.1:50001): abcd",
    "show: * user1 (192.168.100.1:50001) sent a line longer than 4 bytes (--max-line): the rest was dropped",
  ]);
});

Deno.test("Room.handle() in lab mode describes a clean close the lab's way", () => {
  const room = newRoom();
  join(room, 1);
  assertEquals(leave(room, 1), [
    "show: * 192.168.100.1:50001 (user1) closed the connection (0 clients connected)",
  ]);
});

Deno.test("Room.handle() in lab mode sends the operator's ending exit to every client, as server.py does", () => {
  const room = newRoom();
  assertEquals(operator(room, "exit"), []);
  join(room, 1);
  join(room, 2);
  assertEquals(operator(room, "exit"), ["to all: exit"]);
});
