import { assertEquals } from "../_helpers/assert.ts";
import { join, newRoom, say } from "./_room_script.ts";

Deno.test("Room.handle() refuses /nick look-alikes of the operator and of a member, with the reason", () => {
  const room = newRoom({ mode: "chat" });
  join(room, 1);
  join(room, 2);
  say(room, 1, "/nick alice");
  assertEquals(say(room, 2, "/nick ѕerver"), [
    'to 2: * "ѕerver" looks like "server", which is reserved: choose another name',
  ]);
  assertEquals(say(room, 2, "/nick ｓerver"), [
    'to 2: * "ｓerver" looks like "server", which is reserved: choose another name',
  ]);
  assertEquals(say(room, 2, "/nick аlice"), [
    'to 2: * "аlice" looks like the name of someone here: choose another name',
  ]);
  assertEquals(say(room, 2, "/nick " + "a" + "\u0301".repeat(22)), [
    `to 2: * "${
      ("a" + "\u0301".repeat(22)).normalize("NFC")
    }" has too many accents on one letter: at most 2`,
  ]);
  assertEquals(room.members.map((member) => member.name), ["alice", "user2"]);
  assertEquals(say(room, 2, "/nick Hélène"), [
    "show: * user2 is now known as Hélène",
    "to 2: * you are now known as Hélène",
    "to all but 2: * user2 is now known as Hélène",
  ]);
});

Deno.test("Room.handle() answers a refused /nick with the name escaped, not its raw ESC and NUL", () => {
  const room = newRoom({ mode: "chat" });
  join(room, 1);
  assertEquals(say(room, 1, "/nick x\x1b[2J\x00"), [
    'to 1: * "x\\e[2J\\0" is not a valid name: use letters, digits, _ - and ., starting with a letter or digit',
  ]);
});
