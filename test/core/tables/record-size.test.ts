import { describe, expect, test } from 'vitest';
import Papa from 'papaparse';
import { tooLargeRecordPlace } from '../../../core/tables/record-size.js';
import type { ReadFirstRecord } from '../../../core/tables/header-record.js';
import type { LineBreak } from '../../../core/tables/line-breaks.js';

/** papaparse's first record, as both adapters read one. */
const read: ReadFirstRecord = (text, delimiter, newline) => {
  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, fastMode: false, newline, preview: 1 });
  const open = parsed.errors.find((e) => e.code === 'MissingQuotes');
  return { cells: parsed.data[0] ?? [], end: parsed.meta.cursor, openQuote: open === undefined ? null : (open.index ?? 1) - 1 };
};

describe('where a record past the cap is located (docs/RULES.md, "Record size")', () => {
  const cap = 20;
  test.each<[string, string, number, LineBreak, { line: number; column?: number; at: number }]>([
    ['many plain cells: the line the record starts on, no column', 'x\nE1,aaaaaaaaaa,bbbbbbbbbb,cccc\n', 2, '\n', { line: 4, at: 2 }],
    ['a quoted cell closed after the cap: at its quote, in its column, on the record\'s line', 'E1,"yyyyyyyyyyyyyyyyyyyyyyyy",z\n', 0, '\n', { line: 4, column: 2, at: 3 }],
    ['a record further into the text: the quote where it is in the text', 'x\nE1,"yyyyyyyyyyyyyyyyyyyyyyyy",z\n', 2, '\n', { line: 4, column: 2, at: 5 }],
    ['a quote opened on a later line of the record: that line', 'E1,"a\nb",c,"dddddddddddddddd\n', 0, '\n', { line: 5, column: 4, at: 11 }],
    ['in a file of carriage returns, a line feed ends no line', 'E1,"a\nb",c,"dddddddddddddddd\r', 0, '\r', { line: 4, column: 4, at: 11 }],
    ['a quote closed within the first cap characters, the record long after: the record\'s line', 'E1,"a",bbbbbbbbbbbbbbbbbbbbbbbbbb\n', 0, '\n', { line: 4, at: 0 }],
    ['a quote opened past the first cap characters is not looked at', 'E1,bbbbbbbbbbbbbbbbbbbbbbbb,"c\n', 0, '\n', { line: 4, at: 0 }],
  ])('%s', (_what, text, start, newline, place) => {
    expect(tooLargeRecordPlace(text, start, 4, ',', newline, cap, read)).toEqual(place);
  });
});
