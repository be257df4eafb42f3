/**
 * Deno 2.9 resolves `conn.read()` with end of stream (null) when the peer resets
 * the connection (ECONNRESET), so tp1 cannot tell a reset from a close. Tests of
 * the reset messages run only where a reset is visible; their names say so.
 */
import { readToEnd, utf8 } from "./bytes.ts";

/** Whether a reading Deno socket sees a peer's reset as an error. */
export async function resetsAreVisible(): Promise<boolean> {
  if (Deno.permissions.querySync({ name: "net" }).state !== "granted") return false;
  using listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  using client = await Deno.connect({ hostname: "127.0.0.1", port: listener.addr.port });
  const server = await listener.accept();
  await client.write(utf8("unread"));
  // Unread data at close makes the kernel send RST; wait for it to be queued first.
  await new Promise((resolve) => setTimeout(resolve, 20));
  server.close();
  try {
    await readToEnd(client);
    return false;
  } catch (error) {
    return error instanceof Deno.errors.ConnectionReset;
  }
}

/** The note added to the names of tests that need a visible reset. */
export const RESET_NOTE = "(skipped where Deno reads a reset as end of stream)";
