import { assertEquals } from "../_helpers/assert.ts";
import { capitalLook, nameKey, skeleton } from "../../src/room/name_skeleton.ts";

Deno.test("skeleton() maps look-alike letters of other scripts to the Latin one (UTS #39)", () => {
  assertEquals(skeleton("ѕеrvеr"), "server"); // Cyrillic ѕ and е
  assertEquals(skeleton("αll"), "all"); // Greek α
  assertEquals(skeleton("0"), "O");
  assertEquals(skeleton("m"), "rn");
});

Deno.test("skeleton() leaves accents in place, so José is not Jose", () => {
  assertEquals(skeleton("José"), "Jose\u0301");
});

Deno.test("nameKey() folds case, width and mathematical styles", () => {
  for (const name of ["SERVER", "ｓｅｒｖｅｒ", "𝐬𝐞𝐫𝐯𝐞𝐫", "𝓈𝑒𝓇𝓋𝑒𝓇", "ſerver"]) {
    assertEquals(nameKey(name), "server", name);
  }
});

Deno.test("capitalLook() reads non-Latin capitals by their look and keeps ASCII as it is", () => {
  assertEquals(capitalLook("ВОВ"), "bob");
  assertEquals(capitalLook("SΕRVΕR"), "server");
  assertEquals(capitalLook("ALI"), "ali");
});
