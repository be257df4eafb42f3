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
};
