/**
 * Breaks long lines at spaces so that a sentence fits the terminal instead of
 * being cut mid-word by it (`par ex. 192.168.1` / `00.4`). Only ordinary spaces
 * break: French typography's non-breaking spaces keep « mot » and `mot :`
 * together. In a sentence a line that starts with spaces is a command to copy
 * and stays whole; in a help text it is an option whose description continues
 * under itself.
 */

/** `text` with each line longer than `columns` broken at spaces; continuation lines start with `indent` spaces. */
export function wrapWords(text: string, columns: number, indent = 0): string {
  return text.split("\n").map((line) => wrapLine(line, columns, indent)).join("\n");
}

/**
 * `help` with each line longer than `columns` broken at spaces: an option or
 * example line (`  --once   S'arrêter…`) continues under its description, any
 * other line under its own first character. The words pushed out of a line
 * start the next one when it continues the same text (same indent), so the
 * paragraph is reflowed rather than left with a one-word line.
 */
export function wrapHelp(help: string, columns: number): string {
  const out: string[] = [];
  let carry: { words: string; indent: number } | undefined;
  for (const original of help.split("\n")) {
    let line = original;
    if (carry !== undefined) {
      if (continues(line, carry.indent)) {
        line = " ".repeat(carry.indent) + carry.words + " " + line.trimStart();
      } else {
        out.push(wrapAt(" ".repeat(carry.indent) + carry.words, columns, carry.indent));
      }
      carry = undefined;
    }
    if (width(line) <= columns) {
      out.push(line);
      continue;
    }
    const described = /^(\s*\S.*?\s{2,})\S/.exec(line);
    let indent = described ? width(described[1]) : width(/^\s*/.exec(line)![0]);
    if (indent >= columns / 2) indent = 4;
    const [first, ...rest] = wrapAt(line, columns, indent).split("\n");
    out.push(first);
    carry = { words: rest.map((part) => part.trim()).join(" "), indent };
  }
  if (carry !== undefined) {
    out.push(wrapAt(" ".repeat(carry.indent) + carry.words, columns, carry.indent));
  }
  return out.join("\n");
}

/** Whether `line` goes on with the text above it, indented by `indent`: not blank, not a new item. */
function continues(line: string, indent: number): boolean {
  const lead = width(/^\s*/.exec(line)![0]);
  return line.trim() !== "" && lead === indent && !/^\s*([-*•]|\d+\.)\s/.test(line);
}

function wrapLine(line: string, columns: number, indent: number): string {
  if (width(line) <= columns || line.startsWith(" ")) return line;
  return wrapAt(line, columns, indent);
}

function wrapAt(line: string, columns: number, indent: number): string {
  const lead = /^\s*/.exec(line)![0];
  return fillLines(line.slice(lead.length).split(" "), columns, {
    lead,
    indent: " ".repeat(indent),
  }).join("\n");
}

/** How {@linkcode fillLines} lays words out. */
export interface FillOptions {
  /** What the first line starts with. */
  readonly lead: string;
  /** What each following line starts with. */
  readonly indent: string;
  /** Columns kept free at the end of every line (for a continuation mark). */
  readonly reserve?: number;
}

/**
 * `words` joined by spaces into lines of at most `columns` (less `reserve`),
 * as many words on each as fit; a word longer than a line stands alone on it.
 */
export function fillLines(
  words: readonly string[],
  columns: number,
  options: FillOptions,
): string[] {
  const reserve = options.reserve ?? 0;
  const out: string[] = [];
  let current = options.lead;
  for (const word of words) {
    const candidate = current.trim() === "" ? current + word : `${current} ${word}`;
    if (current.trim() !== "" && width(candidate) + reserve > columns) {
      out.push(current.trimEnd());
      current = options.indent + word;
    } else {
      current = candidate;
    }
  }
  out.push(current.trimEnd());
  return out;
}

/** Columns taken by `text`, one per code point (tp1's sentences hold no wide characters). */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
