/**
 * The header candidate a line starts, read as a record (docs/RULES.md, "Earnings export"): a
 * quoted header cell may hold the file's line break (a header typed in Excel with a line break in
 * a cell), so the cells a line offers the header search are those of the record that starts on
 * it, read to its end, not the line's alone. Both adapters read it with their CSV parser
 * (`ReadFirstRecord`); where it ends, and whether more text is needed first, is decided here.
 */
import type { Delimiter } from './header-row.js';
import type { LineBreak } from './line-breaks.js';
import { inputSeverity, type InputSeverity } from '../codes.js';

/**
 * The most of a file a header candidate is read from: a record still open after this many
 * characters (a quote never closed on a title line) is read as far as that, so that a reader
 * given the file piece by piece and one given it whole take the same cells from it. A line the
 * search reaches may be no longer than this (`longSearchLine`): a 10,000-column header is about
 * 100 KB, so the limit only ever meets a runaway line, which the batch job would otherwise have to
 * hold whole, unread, while it looked for its end.
 */
export const HEADER_RECORD_CHARS = 4 * 1024 * 1024;

/** The first record of a text, as a CSV parser reads it with the file's delimiter and line break. */
export interface FirstRecord {
  readonly cells: readonly string[];
  /** Where it ends in the text, after its line break when it has one. */
  readonly end: number;
  /** Where the quote still open where the text ends is in it (its index), null when every quote closes. */
  readonly openQuote: number | null;
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
  if (!whole && (record.openQuote !== null || window[record.end - 1] !== newline)) return null;
  return { cells: record.cells, end: start + record.end };
}

/** A line the header search cannot read, as a problem: what both adapters report, and then read no further. */
export interface LongSearchLine {
  readonly code: 'record_too_large';
  readonly severity: InputSeverity;
  /** The line, 1-based. */
  readonly line: number;
  /** The most characters a line the search reaches may have (`HEADER_RECORD_CHARS`), as text (the problem's input). */
  readonly maxChars: string;
}

/**
 * The problem of line `line` reached by the header search, which has at least `chars` characters
 * (its line break not counted, nor a carriage return before a line feed: `contentEnd`), or null
 * while it is within `HEADER_RECORD_CHARS` (docs/RULES.md, "Earnings export"). Every line the
 * search reaches counts, blank or not, up to and with the header's: the batch job cannot tell a
 * line is blank, or where it ends, before it has read it whole. A reader that has only part of the
 * line so far asks with that part: once over the limit, the line is whatever follows.
 */
export function longSearchLine(chars: number, line: number): LongSearchLine | null {
  if (chars <= HEADER_RECORD_CHARS) return null;
  return { code: 'record_too_large', severity: inputSeverity('record_too_large'), line, maxChars: String(HEADER_RECORD_CHARS) };
}
