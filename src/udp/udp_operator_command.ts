/**
 * What a line typed at the UDP server's prompt asks for: a plain line answers
 * the peer heard from last; `/to ADDR:PORT text`, `/all text`, `/who`, `/help`.
 * A line starting with `//` sends a line starting with `/`. Pure but for the
 * active catalogue its mistakes are worded in.
 */
import { t } from "../i18n/catalogue.ts";

/** One typed line, understood. */
export type UdpOperatorCommand =
  | { readonly kind: "send"; readonly text: string }
  | { readonly kind: "to"; readonly peer: string; readonly text: string }
  | { readonly kind: "all"; readonly text: string }
  | { readonly kind: "who" }
  | { readonly kind: "help" }
  | { readonly kind: "exit" }
  | { readonly kind: "mistake"; readonly message: string };

/** The `/help` text, in the active language. */
export function udpOperatorHelp(): readonly string[] {
  return t().udp.operatorHelp;
}

/** Reads one typed line. */
export function parseUdpOperatorLine(line: string): UdpOperatorCommand {
  if (line.trim() === "exit") return { kind: "exit" };
  if (line.startsWith("//")) return { kind: "send", text: line.slice(1) };
  if (!line.startsWith("/")) return { kind: "send", text: line };
  const [, command, rest = ""] = /^\/(\S*)\s?(.*)$/s.exec(line)!;
  switch (command) {
    case "who":
      return { kind: "who" };
    case "help":
      return { kind: "help" };
    case "all":
      return rest === ""
        ? { kind: "mistake", message: t().udp.allNeedsText }
        : { kind: "all", text: rest };
    case "to":
    case "msg": {
      const [, peer, text] = /^(\S+)\s?(.*)$/s.exec(rest) ?? [];
      if (!peer || text === "") {
        return {
          kind: "mistake",
          message: t().udp.toNeedsPeer(command),
        };
      }
      return { kind: "to", peer, text };
    }
    default:
      return {
        kind: "mistake",
        message: t().udp.unknownCommand(command),
      };
  }
}
