import { decideAdmission, refusalLine, refusalLog } from "../../src/room/admission.ts";
import { assertEquals, assertIncludes } from "../_helpers/assert.ts";

Deno.test("decideAdmission() admits a client while the server has room", () => {
  assertEquals(decideAdmission({ address: "10.0.0.5:4000", connected: 2 }, { maxClients: 3 }), {
    admitted: true,
  });
});

Deno.test("decideAdmission() refuses a client when --max-clients are connected", () => {
  assertEquals(decideAdmission({ address: "10.0.0.5:4000", connected: 3 }, { maxClients: 3 }), {
    admitted: false,
    reason: { kind: "full", maxClients: 3 },
  });
});

Deno.test("refusalLine() tells the refused client why, and refusalLog() tells the operator who", () => {
  const reason = { kind: "full", maxClients: 30 } as const;
  assertIncludes(refusalLine(reason), "the server is full: 30 clients are connected");
  assertIncludes(refusalLine({ kind: "full", maxClients: 1 }), "1 client is connected");
  assertEquals(
    refusalLog("10.0.0.5:4000", reason),
    "* refused 10.0.0.5:4000: the server is full (--max-clients 30)",
  );
});
