/** English: command-line mistakes (usage errors, exit code 2), each with what to write instead. */

/** The usage errors of every command and of the option parser. */
export const usageEn = {
  /** Each command's usage line, shown under its usage errors and at the top of its help. */
  lines: {
    serve:
      "tp1 serve [-p PORT] [--host ADDR] [--udp] [--chat] [--tls] [--allow CIDR] [--password] [options]",
    connect:
      "tp1 connect HOST [PORT] [--udp [--broadcast]] [--tls [--ca FILE | --fingerprint SHA256 | --insecure]] [options]",
    port: "tp1 port [--tcp | --udp] [PORT] [--watch]",
    cert: "tp1 cert [--out DIR] [--name HOST]... [--days N] [--ca] [--force]",
  },
  // The option parser (src/cli/parse_options.ts).
  takesNoValue: (flag: string, arg: string) =>
    `${flag} takes no value (got "${arg}"); write just ${flag}`,
  shortTakesNoValue: (flag: string, arg: string) => `${flag} takes no value (got "${arg}")`,
  longWithOneDash: (arg: string) =>
    `unknown option "${arg}" (long options start with two dashes: "-${arg}")`,
  unknownOption: (flag: string) => `unknown option "${flag}"`,
  unknownOptionMeant: (flag: string, meant: string) =>
    `unknown option "${flag}" (did you mean --${meant}?)`,
  unknownLetterIn: (flag: string, arg: string) => `unknown option "${flag}" in "${arg}"`,
  /** Added to `unknownOption("-w")`: nc's -w is a connect timeout (SECONDS when none was typed). */
  ncWaitFlag: (seconds: string | undefined) => {
    const s = seconds ?? "SECONDS";
    const after = seconds === undefined ? s : `${s} s`;
    return `; nc's -w ${s} gives up connecting after ${after}: write --timeout ${s} ` +
      `(or --idle ${s} to close a connection idle for ${after})`;
  },
  needsValue: (flag: string) => `${flag} needs a value`,
  needsValueNotOption: (flag: string, next: string) =>
    `${flag} needs a value, but "${next}" follows it; write ${flag} VALUE`,
  // tp1 itself (src/cli/run_cli.ts).
  unknownCommand: (name: string) => `unknown command "${name}"`,
  unknownCommandMeant: (name: string, meant: string) =>
    `unknown command "${name}" (did you mean tp1 ${meant}?)`,
  helpTakesOne: (topic: string, extra: string) =>
    `tp1 help takes one command, got "${topic}" and "${extra}"`,
  noCommand: (topic: string, commands: string) =>
    `no command "${topic}"; the commands are ${commands}`,
  noCommandMeant: (topic: string, meant: string) =>
    `no command "${topic}" (did you mean tp1 help ${meant}?)`,
  // Shared by several commands.
  unexpectedArgument: (arg: string) => `unexpected argument "${arg}"`,
  wholeNumber: (flag: string, max: number, text: string) =>
    `${flag} takes a whole number from 1 to ${max}, got "${text}"`,
  seconds: (flag: string, text: string) =>
    `${flag} takes a number of seconds above 0, got "${text}"`,
  portRange: (text: string) =>
    `port must be a whole number from 1 to 65535, got ${JSON.stringify(text)}`,
  // tp1 serve.
  serveUnexpected: (arg: string) => `unexpected argument "${arg}" (use -p PORT to choose the port)`,
  onceAndKeepOpen: "--once and --keep-open contradict each other; choose one",
  roomOnly: (flag: string) =>
    `${flag} applies to the chat room, not to piped mode: add --chat (or run on a terminal)`,
  maxWaitingInRoom:
    "--max-waiting applies to piped mode (-k), not to the chat room: use --max-clients",
  serveRecordPiped:
    "--record writes down a chat: run on a terminal or add --chat (piped, tp1 serve > FILE keeps the bytes)",
  lineBytes: (flag: string, min: number, max: number, text: string) =>
    `${flag} takes a number of bytes from ${min} to ${max} (e.g. 4096, 64k, 1m), got "${text}"`,
  allowFileEmpty: "the --allow-file lists no address: nobody could connect",
  keyWithoutCert: "--key goes with --cert: give the certificate too",
  // --password, serve and connect.
  passwordWordFollows:
    "a word follows --password, and tp1 reads it neither as the password nor as the " +
    "host: write --password=SECRET, or put --password at the end to be asked for it " +
    "without echo",
  passwordTwice: "give --password or --password-file, not both",
  passwordEmpty: "the password is empty",
  // tp1 connect.
  didYouMean: (problem: string, command: string) => `${problem}; did you mean:\n  ${command}`,
  connectRecordPiped:
    "--record writes down a chat on a terminal; piped, tp1 moves bytes (redirect them to a file instead)",
  whichHost: "which host? give the server's address, e.g. tp1 connect 192.168.100.4",
  portTwice: "give the port once: either as PORT or with -p",
  hostEmpty: (target: string) => `the host is empty in "${target}"`,
  twoPorts: (a: number, b: number) => `two different ports were given: ${a} and ${b}`,
  isUrl: (target: string, scheme: string) =>
    `"${target}" is a URL (${scheme}://…); tp1 takes the server's address and port, not a URL`,
  isNetwork: (target: string, prefix: string) =>
    `"${target}" is a network (/${prefix} is its prefix length), not one machine's address; give the address alone`,
  hasSlash: (target: string) =>
    `"${target}" has a "/" in it, and a host name or address never does`,
  afterBracket: (target: string) => `"${target}" has something other than ":PORT" after the "]"`,
  noClosingBracket: (target: string) => `"${target}" is missing its closing "]"`,
  colons: (target: string, count: number) =>
    `"${target}" has ${count} colons; write HOST:PORT (one colon), or an IPv6 address`,
  notIpv4: (host: string) =>
    `"${host}" is not an IPv4 address: it has four numbers from 0 to 255, e.g. 192.168.100.4`,
  leadingZero: (written: string, zeroed: string, octal: string, decimal: number, fixed: string) =>
    `"${written}" has an octet with a leading zero (${zeroed}), which some tools read as ` +
    `octal${octal} and others as decimal (${decimal}): write ${fixed} if you mean decimal`,
  notIpv6: (host: string, target: string) => `"${host}" is not an IPv6 address (in "${target}")`,
  userAndHost: (host: string) =>
    `"${host}" names a user as well as a host (as ssh does); tp1 takes the host alone`,
  notHostName: (host: string) =>
    `"${host}" is not a host name or an IP address (a name has letters, digits, "-" and dots, e.g. vm1 or 192.168.100.4)`,
  insecureAndFingerprint:
    "--insecure turns verification off and --fingerprint is a verification: give only one",
  insecureAndCa: "--insecure turns verification off, so --ca would be ignored: give only one",
  caAndFingerprint:
    "give either --ca (trust what that CA signed) or --fingerprint (trust exactly one certificate), not both",
  sha1Fingerprint: (text: string) =>
    `"${text}" is a SHA-1 fingerprint (as ncat prints); --fingerprint takes the SHA-256 one ` +
    "(64 hex digits, or its first 20), as tp1 serve --tls and tp1 cert print it",
  fingerprintShape: (min: number, text: string) =>
    `--fingerprint takes the server's SHA-256 fingerprint (64 hex digits, colons optional), ` +
    `or its first ${min} digits or more; got "${text}"`,
  fingerprintShort: (text: string, digits: number, min: number) =>
    `--fingerprint "${text}" has ${digits} hex digits: give at least the first ` +
    `${min} (80 bits, too many to forge), or the whole fingerprint`,
  // tp1 port.
  atMostOnePort: (got: readonly string[]) =>
    `expected at most one PORT, got ${got.map((p) => JSON.stringify(p)).join(" ")}`,
  // tp1 cert.
  certUnexpected: (arg: string) => `unexpected argument "${arg}"; give host names with --name`,
  days: (max: number, text: string) =>
    `--days takes a whole number from 1 to ${max}, got "${text}"`,
  nameNeeded: "--name needs a host name or address",
  notCertName: (name: string) => `--name "${name}" is not a host name or IP address`,
};
