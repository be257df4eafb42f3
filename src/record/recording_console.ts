/**
 * A console that writes down what passes through it: every line the user types
 * (with who typed it) and every line shown on the screen, in order, into a
 * Recorder. The session behind it does not know it is being recorded.
 */
import type { ChatConsole } from "../terminal/prompt_console.ts";
import type { Recorder } from "./recorder.ts";

/** `inner`, recording into `recorder`; `who` names the user ("client (you)"). */
export function recordingConsole(inner: ChatConsole, recorder: Recorder, who: string): ChatConsole {
  // Registered first, so a typed line is written down before the session acts on it.
  inner.onLine((text) => recorder.record({ type: "typed", who, text }));
  return {
    show(line) {
      recorder.record({ type: "shown", text: line });
      inner.show(line);
    },
    onLine: (onLine) => inner.onLine(onLine),
    get ended() {
      return inner.ended;
    },
    close: () => inner.close(),
    // The secret itself is never written down.
    askSecret: inner.askSecret && ((prompt) => inner.askSecret!(prompt)),
  };
}
