/** describeClose(): the one closing line of -v and of the transcript. */
import { assertEquals } from "../_helpers/assert.ts";
import { describeClose } from "../../src/record/close_summary.ts";

const base = { sent: 12, received: 1, durationMs: 5234, reset: false } as const;

Deno.test("describeClose() names the side that sent the first FIN", () => {
  assertEquals(
    describeClose({ ...base, role: "client", first: "local" }),
    "sent 12 bytes, received 1 byte in 5.234 s; the client (you) closed first (FIN sent)",
  );
  assertEquals(
    describeClose({ ...base, role: "server", first: "peer" }),
    "sent 12 bytes, received 1 byte in 5.234 s; the client closed first (FIN received)",
  );
  assertEquals(
    describeClose({ ...base, role: "client", first: "peer", reset: true }),
    "sent 12 bytes, received 1 byte in 5.234 s; the connection was reset (RST received)",
  );
});
