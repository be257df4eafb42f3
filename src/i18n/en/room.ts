/** English: the chat room: announcements, command replies (what the server sends clients). */
import { plural } from "../plural.ts";

/** The room's messages: what the operator reads and what the server sends to clients. */
export const roomEn = {
  /** A name or text quoted in a reply (already escaped). */
  quote: (text: string) => `"${text}"`,
  /** How many are connected, after an announcement on the operator's screen. */
  clientsConnected: (n: number) => `${n} ${plural("en", n, "client", "clients")} connected`,
  stopping: "* the server is stopping: goodbye",
  labJoined: (address: string, name: string) => `* ${address} connected as ${name}`,
  chatJoined: (name: string, from: string) => `* ${name} joined from ${from}`,
  nobodyElseYet: "* nobody else is here yet",
  hereAlready: (names: string) => `* here already: ${names}`,
  welcome: (name: string) => `* welcome to the tp1 chat room, ${name}!`,
  welcomeHint: "* /nick NAME changes your name, /help lists the commands",
  roomIsLarge: "* the room is large: joins and leaves are not announced (/who lists who is here)",
  noLongerAnnounced: (limit: number) =>
    `* more than ${limit} people are here now: joins and leaves are no longer announced (/who lists who is here)`,
  /** How someone left, after who it was (`* alice left (connection reset)`). */
  leave: {
    closedLab: (who: string) => `* ${who} closed the connection`,
    closed: (who: string) => `* ${who} left`,
    reset: (who: string) => `* ${who} left (connection reset)`,
    quit: (who: string) => `* ${who} left (/quit)`,
    kicked: (who: string, reason?: string) =>
      reason ? `* ${who} was kicked (${reason})` : `* ${who} was kicked`,
    idle: (who: string, seconds: number) =>
      `* ${who} was disconnected (no traffic for ${seconds} s)`,
    tooSlow: (who: string) => `* ${who} was disconnected (not reading fast enough)`,
    error: (who: string, message: string) => `* ${who} left (${message})`,
  },
  bye: (name: string) => `* bye, ${name}`,
  usage: (usage: string) => `* usage: ${usage}`,
  renamed: (old: string, nick: string) => `* ${old} is now known as ${nick}`,
  youAreNow: (nick: string) => `* you are now known as ${nick}`,
  privateFrom: (name: string, text: string) => `[private] <${name}> ${text}`,
  /** The sender's confirmation of a private line, a client's /msg and the operator's /to alike. */
  privateTo: (name: string, text: string) => `[private to ${name}] ${text}`,
  msgToYourself: "* that is you: /msg sends to someone else",
  operatorQuit: '* type "exit" (or press Ctrl-D) to stop the server',
  nobodyConnectedNotSent: "* nobody is connected: that line was not sent",
  youWereKicked: (reason?: string) =>
    `* you were kicked by the server's operator${reason ? `: ${reason}` : ""}`,
  forOperator: (name: string, commands: string) =>
    `* /${name} is for the server's operator; your commands: ${commands}`,
  forClients: (name: string, commands: string) =>
    `* /${name} is for clients; your commands: ${commands}`,
  unknownCommand: (name: string, commands: string) =>
    `* unknown command "/${name}"; commands: ${commands} (//text sends a line starting with /)`,
  nobodyCalled: (name: string) => `* nobody here is called "${name}"; /who lists who is connected`,
  lineCutChat: (bytes: number) =>
    `* your line was longer than ${bytes} bytes (the server's --max-line): only its beginning was sent`,
  lineCutLab: (who: string, bytes: number) =>
    `* ${who} sent a line longer than ${bytes} bytes (--max-line): the rest was dropped`,
  /** `/who` and the welcome's list of names. */
  who: {
    nobody: "* nobody is connected",
    header: (n: number) => `* ${n} ${plural("en", n, "client", "clients")} connected:`,
    since: (time: string, duration: string) => `since ${time} (${duration})`,
    you: "(you)",
    more: (n: number) => `*   … and ${n} more`,
    and: "and",
    others: (n: number) => `${n} ${plural("en", n, "other", "others")}`,
  },
  /** `/help`: its title, each command's summary, and the `//text` line. */
  help: {
    /** The arguments of each command, as its usage names them. */
    args: {
      nick: "NAME",
      msg: "NAME text",
      me: "text",
      to: "NAME text",
      all: "text",
      kick: "NAME [reason]",
      slash: "//text",
    },
    title: "* commands:",
    who: "list who is connected, from where and since when",
    nick: "change your name (letters, digits, _ - .)",
    msg: "send a private message to NAME",
    me: "say what you do: /me waves → * alice waves",
    to: "send a line to one client only",
    all: "send a line to every client",
    kick: "disconnect a client, telling everyone why",
    help: "show this list",
    quit: "leave the room",
    slash: "send a line that starts with /",
  },
  /** Why `/nick` refused a name (the name comes quoted). */
  nick: {
    oneWord: (suggestion: string) => `a name is one word: try ${suggestion}`,
    tooLong: (shown: string, max: number) => `${shown} is too long: at most ${max} characters`,
    invalid: (shown: string) =>
      `${shown} is not a valid name: use letters, digits, _ - and ., starting with a letter or digit`,
    tooManyMarks: (shown: string, max: number) =>
      `${shown} has too many accents on one letter: at most ${max}`,
    alreadyYours: (current: string) => `you are already called ${current}`,
    reserved: (shown: string) => `${shown} is reserved: choose another name`,
    looksReserved: (shown: string, reserved: string) =>
      `${shown} looks like "${reserved}", which is reserved: choose another name`,
    taken: (shown: string) => `${shown} is taken: choose another name`,
    looksTaken: (shown: string) =>
      `${shown} looks like the name of someone here: choose another name`,
  },
  /** Admission refusals: the line the refused client reads, and the operator's log line. */
  full: (max: number) =>
    `* sorry, the server is full: ${max} ${
      plural("en", max, "client is", "clients are")
    } connected, the most it accepts; try again later`,
  fullLog: (address: string, max: number) =>
    `* refused ${address}: the server is full (--max-clients ${max})`,
};

/** The shape of the room's messages, which the room's pure functions take as a parameter. */
export type RoomMessages = typeof roomEn;
