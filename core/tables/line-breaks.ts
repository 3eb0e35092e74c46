/**
 * Where a text file's lines end, for the line numbers both readers give a row (docs/RULES.md,
 * "Line numbers"). A file's line break is its first one: a line feed, a carriage return before a
 * line feed (Windows lines end CR LF, and the CR is the line's last character), or a carriage
 * return alone (old Mac files). Only that character ends a line, as the CSV parser splits records
 * by it: a carriage return alone inside a file of line feeds is a character of its cell and line.
 */
export type LineBreak = '\n' | '\r';

/**
 * The line break of a text whose first `text.length` characters are known: undefined while the
 * first break is a carriage return at the very end and more text may follow (its next character
 * decides), and `\n` for a text with no break at all.
 */
export function lineBreakOf(text: string, atEnd: boolean): LineBreak | undefined {
  const m = /[\r\n]/.exec(text);
  if (!m) return atEnd ? '\n' : undefined;
  if (m[0] === '\n') return '\n';
  if (m.index + 1 < text.length) return text[m.index + 1] === '\n' ? '\n' : '\r';
  return atEnd ? '\r' : undefined;
}

/** How many lines end in `text[from, to)`: the line breaks there. */
export function lineBreaksIn(text: string, from: number, to: number, lineBreak: LineBreak): number {
  let n = 0;
  for (let i = text.indexOf(lineBreak, from); i !== -1 && i < to; i = text.indexOf(lineBreak, i + 1)) n++;
  return n;
}

/**
 * Where the record or line `text[start, end)` (its line feed not included) ends without the
 * carriage return before that line feed: in a file of line feeds, a carriage return that ends a
 * record is the line break's (Windows lines end CR LF, and a file may mix them with lines ending in
 * a line feed alone), not its last cell's, whether that cell is quoted or not. A carriage return
 * elsewhere, and every one in a file of carriage returns, is a character of its cell.
 */
export function contentEnd(text: string, start: number, end: number, lineBreak: LineBreak): number {
  return lineBreak === '\n' && end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

/** A record's last cell without the carriage return its line break left on it (`contentEnd`). */
export function lastCellText(cell: string, lineBreak: LineBreak): string {
  const end = contentEnd(cell, 0, cell.length, lineBreak);
  return end === cell.length ? cell : cell.slice(0, end);
}

/**
 * Where the record `text[start, end)`, which may end in its line break, ends without it: the
 * file's line break character, and in a file of line feeds the carriage return before it
 * (`contentEnd`). In a file of carriage returns a line feed is a character of its record.
 */
export function recordTextEnd(text: string, start: number, end: number, lineBreak: LineBreak): number {
  const broken = end > start && text[end - 1] === lineBreak ? end - 1 : end;
  return contentEnd(text, start, broken, lineBreak);
}

/**
 * A file's text with its last line ended: in a file of line feeds, a carriage return that ends the
 * file is its last line's break, as one before a line feed is (`contentEnd`), whether the last cell
 * is quoted or not, so the parser is given the line feed it stands for; `…,"USD"\r` at the end of
 * a file reads as `…,"USD"\r\n` does. Any other text is itself. Line numbers do not move: the line
 * feed added ends the last line and starts none.
 */
export function withLastLineEnded(text: string, lineBreak: LineBreak): string {
  return lineBreak === '\n' && text.charCodeAt(text.length - 1) === 13 ? `${text}\n` : text;
}
