/** English: the words every command shares (error prefixes, --lang). */

/** The messages every command prints around its own. */
export const commonEn = {
  /** Before every error sentence on stderr. */
  errorPrefix: "error: ",
  /** Before the usage line shown with a usage error. */
  usagePrefix: "usage: ",
  /** The `--lang` line of every options list. */
  langOption: "--lang fr|en  Language of tp1's messages (default: from LC_ALL, LC_MESSAGES, LANG).",
  /** `--lang` given something tp1 does not speak. */
  badLang: (value: string) => `--lang takes fr or en, got "${value}"`,
  /** `--lang` given nothing. */
  langNeedsValue: "--lang needs a value: fr or en",
  /** -v, both sides: how a connection ended (src/record/close_summary.ts). */
  closeSummary: (
    sent: number,
    received: number,
    duration: string,
    who: string,
  ) => `sent ${bytes(sent)}, received ${bytes(received)} in ${duration}; ${who}`,
  closeReset: (received: boolean) => `the connection was reset (RST${received ? " received" : ""})`,
  closeYouFirst: (role: "client" | "server") => `the ${role} (you) closed first (FIN sent)`,
  closePeerFirst: (role: "client" | "server") => `the ${role} closed first (FIN received)`,
  /** The decimal mark in numbers shown to people (never in machine output). */
  decimalMark: ".",
  closeBoth: "closed by both sides",
};

function bytes(n: number): string {
  return `${n} byte${n === 1 ? "" : "s"}`;
}
