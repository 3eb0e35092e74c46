import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { recordCells, scanRecords } from '../../addin/import/csv-scan.js';
import { parseExport, parseExportByPapaparse } from '../../addin/import/parse-export.js';
import { unpackExport } from '../../addin/import/packed-rows.js';

/**
 * papaparse's records of a file of line feeds and the line each starts on (one record at a time, as
 * parse-export's reference counts), a carriage return at the end of a record's last cell taken off
 * as the line's: the rule written apart from core's lastCellText.
 */
function papaparseRecords(text: string, delimiter: string): { records: string[][]; lines: number[] } {
  const records: string[][] = [];
  const lines: number[] = [];
  let start = 0;
  let line = 1;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    header: false,
    skipEmptyLines: false,
    step: (result) => {
      records.push(result.data.map((cell, k) => (k === result.data.length - 1 && cell.endsWith('\r') ? cell.slice(0, -1) : cell)));
      lines.push(line);
      // Lines end at line feeds (a carriage return alone is a character): counted here apart from core's lineBreaksIn.
      line += text.slice(start, result.meta.cursor).split('\n').length - 1;
      start = result.meta.cursor;
    },
  });
  return { records, lines };
}

const HEADER = ['earningId', 'participantId', 'programName', 'earningType', 'earningAmount', 'earningAmountUSD', 'earningDate', 'transactionCurrency', 'note'];
const cellText = fc.oneof(
  fc.constantFrom('E1', '10.00', 'Contoso, Ltd.', 'a "b" c', '"', '""', 'two\nlines', 'two\r\nlines', 'lone\rcr', '', ' ', 'tab\there', 'semi;colon', 'Ünïcode ✓', '😀'),
  fc.array(fc.constantFrom('a', ',', ';', '\t', '"', '\n', '\r\n', '\r', ' '), { maxLength: 6 }).map((units) => units.join('')),
);
const delimiters = fc.constantFrom(',', '\t', ';');
// A file's first line break decides it is a file of line feeds; later lines may end either way (a file of mixed lines).
const newlines = fc.constantFrom('\n', '\r\n');
/** Written as a careful writer does: quoted when it must be (or when `always`), inner quotes doubled. */
const written = (cell: string, delimiter: string, always: boolean) =>
  always || cell.includes(delimiter) || /["\r\n]/.test(cell) || cell === '' ? `"${cell.replace(/"/g, '""')}"` : cell;

/** A text of rows: well-formed, or (raw) with cells written as they are, quotes and breaks unescaped. */
const texts = fc
  .record({
    rows: fc.array(fc.array(cellText, { minLength: 1, maxLength: 9 }), { maxLength: 10 }),
    delimiter: delimiters,
    newline: newlines,
    mixed: fc.array(newlines, { maxLength: 12 }),
    raw: fc.boolean(),
    quoteAll: fc.boolean(),
    title: fc.constantFrom('', 'Earnings - Default', ' '),
    trailing: fc.boolean(),
  })
  .map(({ rows, delimiter, newline, mixed, raw, quoteAll, title, trailing }) => {
    const lines = [HEADER.join(delimiter), ...rows.map((r) => r.map((c) => (raw ? c : written(c, delimiter, quoteAll))).join(delimiter))];
    if (title !== '') lines.unshift(title);
    // The first line ends with `newline`, each later one with the next of `mixed` (or `newline` again).
    const breakAfter = (k: number) => (k === 0 ? newline : (mixed[k - 1] ?? newline));
    const text = lines.map((l, k) => (k < lines.length - 1 ? l + breakAfter(k) : l)).join('') + (trailing ? breakAfter(lines.length - 1) : '');
    // A quoted last cell ending in a carriage return of its own is papaparse's to read (the scanner gives up on it).
    const lastCellEndsInCR = [HEADER, ...rows].some((r) => r[r.length - 1]!.endsWith('\r'));
    return { text, delimiter, wellFormed: !raw, lastCellEndsInCR };
  });

describe('finding the records of an export without a string per cell', () => {
  test('gives papaparse\'s records and the line each starts on, and gives up only on text that is not well-formed', () => {
    fc.assert(
      fc.property(texts, ({ text, delimiter, wellFormed, lastCellEndsInCR }) => {
        const scanned = scanRecords(text, delimiter);
        if (wellFormed && !lastCellEndsInCR) expect(scanned).not.toBeNull();
        if (scanned === null) return;
        const reference = papaparseRecords(text, delimiter);
        expect(Array.from({ length: scanned.records }, (_, k) => recordCells(scanned, k))).toEqual(reference.records);
        expect(Array.from(scanned.recordLines)).toEqual(reference.lines);
      }),
      { numRuns: 3000 },
    );
  });

  test.each([
    ['a quote never closed', 'a,b\n"open,c\n'],
    ['text after a closing quote', 'a,b\n"x"y,c\n'],
    ['a space after a closing quote', 'a,b\n"x" ,c\n'],
  ])('leaves %s to papaparse', (_, text) => {
    expect(scanRecords(text, ',')).toBeNull();
  });

  test('an export reads the same through the scanner as through papaparse alone: headers, rows, lines and errors', () => {
    fc.assert(
      fc.property(texts, ({ text }) => {
        expect(unpackExport(parseExport('x.csv', text))).toEqual(unpackExport(parseExportByPapaparse('x.csv', text)));
      }),
      { numRuns: 2000 },
    );
  });
});
