import {
  formatDuration,
  formatNames,
  formatWho,
  hostOf,
} from "../../src/room/member_list_format.ts";
import type { Member } from "../../src/room/members.ts";
import type { ClientId } from "../../src/room/room_types.ts";
import { assertEquals } from "../_helpers/assert.ts";

const at = (h: number, m: number, s = 0) => new Date(2026, 2, 23, h, m, s);

function member(id: number, name: string, address: string, since: Date): Member {
  return { id: id as ClientId, name, address, since };
}

Deno.test("formatWho() aligns names and addresses and marks the viewer", () => {
  const members = [
    member(1, "Hélène", "192.168.100.5:51234", at(10, 42, 7)),
    member(2, "bob", "[fe80::1]:40000", at(10, 50)),
  ];
  assertEquals(formatWho(members, at(10, 54, 30), { viewer: 2 as ClientId }), [
    "* 2 clients connected:",
    "*   Hélène  192.168.100.5:51234  since 10:42:07 (12 min)",
    "*   bob     [fe80::1]:40000      since 10:50:00 (4 min)  (you)",
  ]);
});

Deno.test("formatWho() says how many more there are when only the first are listed", () => {
  const members = [member(1, "ann", "10.0.0.1:1", at(9, 0))];
  assertEquals(formatWho(members, at(9, 0, 5), { total: 250 }), [
    "* 250 clients connected:",
    "*   ann  10.0.0.1:1  since 09:00:00 (5 s)",
    "*   … and 249 more",
  ]);
});

Deno.test("formatWho() says so when nobody is connected", () => {
  assertEquals(formatWho([], at(9, 0)), ["* nobody is connected"]);
});

Deno.test("formatNames() joins names the way a sentence does", () => {
  assertEquals(formatNames([]), "");
  assertEquals(formatNames(["ann"]), "ann");
  assertEquals(formatNames(["ann", "bob", "cy"]), "ann, bob and cy");
  assertEquals(formatNames(["ann", "bob"], 100), "ann, bob and 98 others");
});

Deno.test("hostOf() drops the port from IPv4 and bracketed IPv6 addresses", () => {
  assertEquals(hostOf("192.168.100.5:51234"), "192.168.100.5");
  assertEquals(hostOf("[::1]:7999"), "::1");
  assertEquals(hostOf("::1"), "::1");
});

Deno.test("formatDuration() uses seconds, minutes, then hours", () => {
  assertEquals(formatDuration(at(10, 0, 59), at(10, 0)), "59 s");
  assertEquals(formatDuration(at(10, 59, 59), at(10, 0)), "59 min");
  assertEquals(formatDuration(at(12, 5), at(10, 0)), "2 h 05 min");
});
