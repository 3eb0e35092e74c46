/**
 * How long one record of an export may be, for both adapters (docs/RULES.md, "Record size"). Far
 * above any real record (a Partner Center row is a few KB), low enough to stop a runaway quote
 * (one never closed swallows the rest of the file into one record) before it fills the memory.
 *
 * A record longer than this many characters (its line break not counted) is `record_too_large`,
 * and its file is read no further. It is located where the fault most likely is: at the quote
 * still open after the first `MAX_RECORD_CHARS` characters of the record (its line and its cell's
 * column), else at the line the record starts on (`tooLargeRecordPlace`).
 */
import type { ReadFirstRecord } from './header-record.js';
import type { Delimiter } from './header-row.js';
import { lineBreaksIn, type LineBreak } from './line-breaks.js';

/** The longest record of an export, in characters, its line break not counted. */
export const MAX_RECORD_CHARS = 16 * 1024 * 1024;

/** Where a record past the cap is reported (`tooLargeRecordPlace`). */
export interface TooLargeRecordPlace {
  /** 1-based: the line of the quote still open, else the line the record starts on. */
  readonly line: number;
  /** 1-based cell of the quote still open, when one is: the header's column there names it. */
  readonly column?: number;
  /** Where the problem's text starts in the text: at that quote, else at the record's start. */
  readonly at: number;
}

/**
 * Where the record that starts at `text[start]`, on line `line`, and is longer than `cap` is
 * located: past the cap a huge quoted cell cannot be told from a quote that never closes, and a
 * runaway quote is the usual cause, so at the quote still open after the record's first `cap`
 * characters, else at the record's first line. Only those characters are read (with the adapter's
 * CSV parser, `read`), so the place does not hang on how much of the record a reader holds, nor,
 * in the batch job, on where a chunk ended.
 */
export function tooLargeRecordPlace(text: string, start: number, line: number, delimiter: Delimiter, newline: LineBreak, cap: number, read: ReadFirstRecord): TooLargeRecordPlace {
  const head = read(text.slice(start, start + cap), delimiter, newline);
  if (head.openQuote === null) return { line, at: start };
  const at = start + head.openQuote;
  // The quote is in the record's last cell read so far: the one still open.
  return { line: line + lineBreaksIn(text, start, at, newline), column: Math.max(head.cells.length, 1), at };
}
