/**
 * Breaks long lines at spaces so that a sentence fits the terminal instead of
 * being cut mid-word by it (`par ex. 192.168.1` / `00.4`). Only ordinary spaces
 * break: French typography's non-breaking spaces keep « mot » and `mot :`
 * together. A line that starts with spaces is a command to copy and stays whole.
 */

/** `text` with each line longer than `columns` broken at spaces; continuation lines start with `indent` spaces. */
export function wrapWords(text: string, columns: number, indent = 0): string {
  return text.split("\n").map((line) => wrapLine(line, columns, indent)).join("\n");
}

function wrapLine(line: string, columns: number, indent: number): string {
  if (width(line) <= columns || line.startsWith(" ")) return line;
  const out: string[] = [];
  let current = "";
  for (const word of line.split(" ")) {
    const candidate = current === "" ? word : `${current} ${word}`;
    const lead = out.length === 0 ? 0 : indent;
    if (current !== "" && lead + width(candidate) > columns) {
      out.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  out.push(current);
  return out.map((part, i) => i === 0 ? part : " ".repeat(indent) + part).join("\n");
}

/** Columns taken by `text`, one per code point (tp1's sentences hold no wide characters). */
function width(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
