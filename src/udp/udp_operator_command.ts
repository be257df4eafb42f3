/**
 * What a line typed at the UDP server's prompt asks for: a plain line answers
 * the peer heard from last; `/to ADDR:PORT text`, `/all text`, `/who`, `/help`.
 * A line starting with `//` sends a line starting with `/`. Pure.
 */

/** One typed line, understood. */
export type UdpOperatorCommand =
  | { readonly kind: "send"; readonly text: string }
  | { readonly kind: "to"; readonly peer: string; readonly text: string }
  | { readonly kind: "all"; readonly text: string }
  | { readonly kind: "who" }
  | { readonly kind: "help" }
  | { readonly kind: "exit" }
  | { readonly kind: "mistake"; readonly message: string };

/** The `/help` text. */
export const UDP_OPERATOR_HELP = [
  "* a plain line goes to the peer heard from last (as one datagram)",
  "* /to ADDR:PORT text   to one peer, e.g. /to 192.168.100.5:51234 salut",
  "* /all text            to every peer heard from in the last 10 minutes",
  "* /who                 the peers heard from, and when",
  '* //text sends "/text"; "exit", Ctrl-D or Ctrl-C stops the server',
];

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
        ? { kind: "mistake", message: "* /all needs a text: /all text" }
        : { kind: "all", text: rest };
    case "to":
    case "msg": {
      const [, peer, text] = /^(\S+)\s?(.*)$/s.exec(rest) ?? [];
      if (!peer || text === "") {
        return {
          kind: "mistake",
          message: `* /${command} needs a peer and a text: /to ADDR:PORT text`,
        };
      }
      return { kind: "to", peer, text };
    }
    default:
      return {
        kind: "mistake",
        message:
          `* unknown command /${command}: /help lists them (//${command} sends the line as it is)`,
      };
  }
}
