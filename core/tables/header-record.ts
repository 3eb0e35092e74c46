/**
 * The header candidate a line starts, read as a record (docs/RULES.md, "Earnings export"): a
 * quoted header cell may hold the file's line break (a header typed in Excel with a line break in
 * a cell), so the cells a line offers the header search are those of the record that starts on
 * it, read to its end, not the line's alone. Both adapters read it with their CSV parser
 * (`ReadFirstRecord`); where it ends, and whether more text is needed first, is decided here.
 */
import type { Delimiter } from './header-row.js';
import type { LineBreak } from './line-breaks.js';

/**
 * The most of a file a header candidate is read from: a record still open after this many
 * characters (a quote never closed on a title line) is read as far as that, so that a reader
 * given the file piece by piece and one given it whole take the same cells from it.
 */
export const HEADER_RECORD_CHARS = 4 * 1024 * 1024;

/** The first record of a text, as a CSV parser reads it with the file's delimiter and line break. */
export interface FirstRecord {
  readonly cells: readonly string[];
  /** Where it ends in the text, after its line break when it has one. */
  readonly end: number;
  /** Whether a quote is still open where the text ends. */
  readonly unclosed: boolean;
}

/** How an adapter's CSV parser reads the first record of a text. */
export type ReadFirstRecord = (text: string, delimiter: Delimiter, newline: LineBreak) => FirstRecord;

/** The record a header candidate is: its cells, and where it ends in the text (after its line break). */
export interface HeaderRecord {
  readonly cells: readonly string[];
  readonly end: number;
}

/**
 * The record that starts at `text[start]`, split by `delimiter`, from at most `HEADER_RECORD_CHARS`
 * characters; null while it may go on past the text known so far (`atEnd` false): a quote is still
 * open, or the record has not reached its line break yet.
 */
export function headerRecordAt(text: string, start: number, delimiter: Delimiter, newline: LineBreak, atEnd: boolean, read: ReadFirstRecord): HeaderRecord | null {
  const window = text.slice(start, start + HEADER_RECORD_CHARS);
  const record = read(window, delimiter, newline);
  const whole = atEnd || window.length === HEADER_RECORD_CHARS;
  if (!whole && (record.unclosed || window[record.end - 1] !== newline)) return null;
  return { cells: record.cells, end: start + record.end };
}
