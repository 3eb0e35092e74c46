import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { HEADER_RECORD_CHARS, headerRecordAt, longSearchLine, type ReadFirstRecord } from '../../../core/tables/header-record.js';

/** papaparse's first record, as both adapters read one. */
const read: ReadFirstRecord = (text, delimiter, newline) => {
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, fastMode: false, newline, preview: 1 });
  const open = parsed.errors.find((e) => e.code === 'MissingQuotes');
  return { cells: parsed.data[0] ?? [], end: parsed.meta.cursor, openQuote: open === undefined ? null : (open.index ?? 1) - 1 };
};

describe('headerRecordAt', () => {
  test('a line is its record, ending after its line break', () => {
    expect(headerRecordAt('Title\na,b\nc,d\n', 6, ',', '\n', false, read)).toEqual({ cells: ['a', 'b'], end: 10 });
  });

  test('a quoted cell holding the line break makes the record two lines long', () => {
    expect(headerRecordAt('a,"b\nc"\nd,e\n', 0, ',', '\n', false, read)).toEqual({ cells: ['a', 'b\nc'], end: 8 });
  });

  test('more text is needed while a quote is open, or before the line break, unless the text has ended', () => {
    expect(headerRecordAt('a,"b\nc', 0, ',', '\n', false, read)).toBeNull();
    expect(headerRecordAt('a,"b"\r', 0, ',', '\n', false, read)).toBeNull();
    expect(headerRecordAt('a,"b"', 0, ',', '\n', false, read)).toBeNull();
    expect(headerRecordAt('a,"b\nc', 0, ',', '\n', true, read)).toEqual({ cells: ['a', 'b\nc'], end: 6 });
    expect(headerRecordAt('a,"b"', 0, ',', '\n', true, read)).toEqual({ cells: ['a', 'b'], end: 5 });
  });

  test('in a file of carriage returns a line feed is a character of its cell', () => {
    expect(headerRecordAt('a,b\nc\rd\r', 0, ',', '\r', false, read)).toEqual({ cells: ['a', 'b\nc'], end: 6 });
  });

  test('a quote never closed is read from the first HEADER_RECORD_CHARS characters, whatever follows', () => {
    const text = `"x,${'y'.repeat(HEADER_RECORD_CHARS)}\nmore`;
    const record = headerRecordAt(text, 0, ',', '\n', false, read);
    expect(record).not.toBeNull();
    expect(record!.end).toBe(HEADER_RECORD_CHARS);
    // The same cells as a reader given the whole file takes.
    expect(headerRecordAt(text, 0, ',', '\n', true, read)).toEqual(record);
  });
});

describe('longSearchLine (docs/RULES.md, "Earnings export")', () => {
  test('a line of at most HEADER_RECORD_CHARS characters is searched; one longer is record_too_large on its line', () => {
    expect(longSearchLine(HEADER_RECORD_CHARS, 3)).toBeNull();
    expect(longSearchLine(HEADER_RECORD_CHARS + 1, 3)).toEqual({ code: 'record_too_large', severity: 'error', line: 3, maxChars: String(HEADER_RECORD_CHARS) });
  });
});
