/**
 * Numbers shown to people use their language's decimal mark (`2,94 ms`,
 * `13,863 s` in French); machine output (piped bytes, the port table) never
 * goes through here.
 */
import { type Messages, t } from "./catalogue.ts";

/** `text`, a number written with a decimal point, as `m`'s language writes it: `2,94` in French. */
export function decimal(text: string, m: Messages = t()): string {
  return text.replace(".", m.common.decimalMark);
}
