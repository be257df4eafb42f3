/**
 * A script refused in a loop that stops within the minute: the operator's log said its refusals
 * would be counted, and it tells the count when the window ends, with no later refusal to carry it.
 */
import { assertEquals } from "../_helpers/assert.ts";
import { ConnectionGate } from "../../src/gate/connection_gate.ts";
import { RefusalLog } from "../../src/gate/refusal_log.ts";
import { parseAddressRule } from "../../src/access/address_rule.ts";

Deno.test("ConnectionGate logs the count of refusals not logged when their window ends", async () => {
  const logged: string[] = [];
  // Long enough for the three refusals to fall in one window on a loaded machine.
  const windowMs = 1_500;
  const gate = new ConnectionGate(
    { access: { allow: [], deny: [parseAddressRule("127.0.0.0/8")] } },
    (line) => logged.push(line),
    10_000,
    undefined,
    new RefusalLog({ perSource: 1, overall: 50, windowMs, sources: 10 }),
  );
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  try {
    for (let i = 0; i < 3; i++) {
      const client = await Deno.connect({ hostname: "127.0.0.1", port });
      const admitted = gate.admit(await listener.accept());
      // The refusal's one line, then the end: read it all, so closing does not reset the line.
      await client.readable.pipeTo(new WritableStream());
      assertEquals(await admitted, undefined);
    }
    assertEquals(logged.length, 2, logged.join("\n"));
    const deadline = Date.now() + 10 * windowMs;
    while (logged.length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, windowMs / 10));
    }
    assertEquals(logged.slice(2), ["* 127.0.0.1: 2 refusals were not logged"]);
  } finally {
    gate.close();
  }
});
