/**
 * What counts as a blank row, for every table either adapter reads: an export's records (the batch
 * job's reader, the add-in's import), a workbook table's rows (the add-in's tables, the batch job's
 * Claims from an .xlsx). A row is blank when every cell is empty once trimmed; it holds nothing, so
 * it is skipped rather than read as a row with every field missing (docs/RULES.md, "Blank rows").
 * A workbook table's row is judged on every cell under its columns, headed or not, so a note under
 * a blank header keeps its row in both adapters.
 * Excel leaves such rows behind (a line of delimiters at the end of a saved CSV, a table's spare row).
 */
import { HEADER_SEARCH_LINES } from './header-row.js';
import { lineBreakOf } from './line-breaks.js';

/** A cell holds nothing: no value, or text that is only white space (what `String.prototype.trim` removes). */
export function isBlankCell(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** The rule: a row is blank when every cell is (a row with no cells too). */
export function isBlankRow(cells: readonly unknown[]): boolean {
  return cells.every(isBlankCell);
}

/**
 * The characters `String.prototype.trim` removes (ECMAScript's WhiteSpace and LineTerminator), by
 * code unit: the fast path below reads a record's text in place instead of cutting a string per
 * cell. A property test holds it to `trim` (test/core/tables/blank-row.test.ts).
 */
export function isTrimmedSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Whether `text[start, end)` is only white space: `isBlankCell(text.slice(start, end))` without the slice. */
export function isBlankText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isTrimmedSpace(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Whether an unquoted line `text[start, end)` split at `delimiter` is a blank row: only delimiters
 * and white space. The fast path of `isBlankRow` over a line with no quote character.
 */
export function isBlankLine(text: string, start: number, end: number, delimiter: string): boolean {
  const d = delimiter.charCodeAt(0);
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== d && !isTrimmedSpace(c)) return false;
  }
  return true;
}

/**
 * Whether a file is empty (`empty_file`, not a file without a header): the lines its header is
 * searched in hold only white space. Lines end at the file's line break (`lineBreakOf`): a
 * carriage return alone in a file of line feeds is white space of its line. The batch job's reader
 * decides the same line by line as the text streams in.
 */
export function isEmptyFile(text: string, lines: number = HEADER_SEARCH_LINES): boolean {
  const lineBreak = lineBreakOf(text, true) === '\r' ? 13 : 10;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === lineBreak) {
      if (++line > lines) return true;
    } else if (!isTrimmedSpace(c)) return false;
  }
  return true;
}
