/** English: the consoles: prompt surroundings, Ctrl-C, the secret prompt. */
import { plural } from "../plural.ts";

/** The terminal messages: what the consoles print around the lines. */
export const terminalEn = {
  /** What the operator's screen missed while the terminal was not read. */
  missedLines: (n: number) =>
    `* ${n} ${plural("en", n, "line was", "lines were")} not shown: your terminal was not reading`,
  /** After a typed line that was not sent (the session ended under it). */
  notSent: "(not sent)",
  interrupted: "interrupted",
  interruptedConnecting: "interrupted by Ctrl-C before the connection was made",
  interruptedPassword: "interrupted by Ctrl-C while asking for the password",
  /** What --password asks with, on the terminal (the answer is not echoed). */
  passwordPrompt: "password: ",
  /** Before tp1's own lines on stderr (diagnostics, notices). */
  logPrefix: "tp1: ",
  /** Before a warning on stderr. */
  warningPrefix: "tp1: warning: ",
  passwordNeedsTerminal: "--password needs a terminal to ask on; use --password-file FILE instead",
};
