import { assertEquals } from "../_helpers/assert.ts";
import { warmRelay } from "../../src/server/warm_relay.ts";

Deno.test("warmRelay() runs its throwaway room to the end, leaving no timer or promise behind", () => {
  // The test sanitizers fail this test if the warm-up left work pending.
  assertEquals(warmRelay("\n"), undefined);
  assertEquals(warmRelay("\r\n"), undefined);
});
