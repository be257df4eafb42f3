import { assertEquals } from "../_helpers/assert.ts";
import { onlySaid, prefixEach, type Room } from "../../src/room/room.ts";
import type { ClientId, RoomAction, RoomMode } from "../../src/room/room_types.ts";
import { describe, join, newRoom } from "./_room_script.ts";

/** A room of `mode` with clients 1 and 2 in it. */
function roomOfTwo(mode: RoomMode): Room {
  const room = newRoom({ mode });
  join(room, 1);
  join(room, 2);
  return room;
}

/** What client 1 sending `run` as one plain run does, and what the same lines one by one do. */
function bothWays(mode: RoomMode, run: string): [RoomAction[], RoomAction[]] {
  const id = 1 as ClientId;
  const asRun = roomOfTwo(mode).handle({ type: "lines", id, lines: [{ text: run, plain: true }] });
  const oneByOne = roomOfTwo(mode).handle({
    type: "lines",
    id,
    lines: run.split("\n").map((text) => ({ text, plain: true })),
  });
  return [asRun, oneByOne];
}

Deno.test("Room.handle() relays a plain run as it relays its lines one by one", () => {
  const runs = [
    "a\nb\n\tc d",
    "a\n\nb", // an empty line says nothing
    "\n",
    "//not a command\nb",
    "a\n/nick bob\nb", // the lines after /nick carry the new name
    "a\n/quit\nb", // nothing after /quit
    "/me waves\nx",
    "a\n/unknown\nb",
    "a\n/msg user2 hi\nb",
    "a\n/who",
  ];
  for (const mode of ["chat", "lab"] as const) {
    for (const run of runs) {
      const [asRun, oneByOne] = bothWays(mode, run);
      assertEquals(asRun, oneByOne, `${mode}: ${JSON.stringify(run)}`);
    }
  }
});

Deno.test("Room.handle() gives a plain run of said lines one show and one send, each line named", () => {
  const [actions] = bothWays("chat", "one\ntwo\nthree");
  assertEquals(actions.length, 2);
  assertEquals(describe(actions), [
    "show: <user1> one",
    "show: <user1> two",
    "show: <user1> three",
    "to all but 1: <user1> one",
    "to all but 1: <user1> two",
    "to all but 1: <user1> three",
  ]);
});

Deno.test("onlySaid() is false as soon as one line is empty or starts with a slash", () => {
  for (const run of ["a\nb", "a b\n c", "x/y\nz"]) assertEquals(onlySaid(run), true, run);
  for (const run of ["", "\n", "a\n", "\na", "a\n\nb", "/who\na", "a\n/who", "a\n//b"]) {
    assertEquals(onlySaid(run), false, JSON.stringify(run));
  }
});

Deno.test("prefixEach() puts the prefix in front of every line, empty ones too", () => {
  assertEquals(prefixEach("> ", "a\n\nb"), "> a\n> \n> b");
  assertEquals(prefixEach("> ", "a"), "> a");
});
