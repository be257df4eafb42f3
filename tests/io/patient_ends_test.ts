import { assertEquals, assertRejects } from "../_helpers/assert.ts";
import { patientSink, patientSource } from "../../src/io/patient_ends.ts";

Deno.test("patientSink() retries a write that would block instead of failing", async () => {
  let calls = 0;
  const sink = patientSink({
    write: (bytes) => {
      calls++;
      if (calls < 3) return Promise.reject(new Deno.errors.WouldBlock("full"));
      return Promise.resolve(bytes.length);
    },
  }, -1);
  assertEquals(await sink.write(new Uint8Array(5)), 5);
  assertEquals(calls, 3);
});

Deno.test("patientSource() retries a read that would block, and passes other errors on", async () => {
  let calls = 0;
  const source = patientSource({
    read: () => {
      calls++;
      return calls === 1
        ? Promise.reject(new Deno.errors.WouldBlock("empty"))
        : Promise.resolve(null);
    },
  }, -1);
  assertEquals(await source.read(new Uint8Array(1)), null);
  const failing = patientSource(
    { read: () => Promise.reject(new Deno.errors.BrokenPipe("x")) },
    -1,
  );
  await assertRejects(() => failing.read(new Uint8Array(1)), Deno.errors.BrokenPipe);
});
