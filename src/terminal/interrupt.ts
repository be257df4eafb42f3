/**
 * Ctrl-C while tp1 is still connecting: aborts the attempt at once instead of
 * letting the process die mid-way or wait for a TCP timeout.
 */
import { UserError } from "../errors.ts";
import { t } from "../i18n/catalogue.ts";

/** Runs `work` with a signal that aborts on SIGINT; an interrupt becomes a UserError. */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort(new UserError(t().terminal.interrupted));
  Deno.addSignalListener("SIGINT", onInterrupt);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      throw new UserError(t().terminal.interruptedConnecting);
    }
    throw error;
  } finally {
    Deno.removeSignalListener("SIGINT", onInterrupt);
  }
}
