import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { parseExportText, unreadableExport } from '../../addin/import/parse-export.js';

/**
 * The reference for line numbers: papaparse one record at a time (`step`); a record starts where
 * the previous one's cursor left off, and its line is one more than the line breaks before that.
 */
function linesByStep(text: string): { lines: number[]; blank: boolean[]; errorLines: number[] } {
  const lines: number[] = [];
  const blank: boolean[] = [];
  const errorLines: number[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    header: false,
    // The texts here are files of line feeds (their header line ends in one, with or without a
    // carriage return before it): every line feed outside quotes ends a record, in a file that
    // mixes CR LF and LF lines too.
    newline: '\n',
    skipEmptyLines: false,
    step: (result) => {
      const line = 1 + (text.slice(0, start).match(/\n/g)?.length ?? 0);
      lines.push(line);
      // As the batch job's reader judges a record: a quote never closed is its one error; else a
      // blank row (every cell empty once trimmed, whatever its width) is skipped, its quotes unjudged.
      const isBlank = result.data.every((c) => c.trim() === '');
      blank.push(isBlank);
      const unclosed = result.errors.filter((e) => e.code === 'MissingQuotes');
      // Text after a closing quote is one error of the record, at its first such quote.
      const firstInvalid = result.errors.find((e) => e.code === 'InvalidQuotes');
      const judged = unclosed.length > 0 || isBlank ? unclosed : result.errors.filter((e) => e.code !== 'InvalidQuotes' || e === firstInvalid);
      // A quote never closed, or text after a closing quote, is on the line of that quote (just before papaparse's index).
      const quoted = (e: Papa.ParseError) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes';
      const lineOf = (e: Papa.ParseError) => (quoted(e) && e.index !== undefined ? 1 + (text.slice(0, Math.max(start, e.index - 1)).match(/\n/g)?.length ?? 0) : line);
      const faults = judged.filter((e) => e.code !== 'UndetectableDelimiter');
      for (const e of faults) errorLines.push(lineOf(e));
      // A record with a fault is its error, not a row.
      if (faults.length > 0) blank[blank.length - 1] = true;
      start = result.meta.cursor;
    },
  });
  return { lines, blank, errorLines };
}

const HEADER = 'earningId,participantId,programName,earningType,earningAmount,earningAmountUSD,earningDate,transactionCurrency,note';
const cell = fc.oneof(
  fc.constantFrom('E1', '10.00', 'Contoso, Ltd.', 'a "b" c', 'two\nlines', 'two\r\nlines', '', ' '),
  // A CR only before an LF: a file whose line breaks are lone CRs numbers its lines by them instead.
  fc.array(fc.constantFrom('a', ',', '"', '\n', '\r\n', ' '), { maxLength: 6 }).map((units) => units.join('')),
);
const quoted = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);

describe('reading an export into rows', () => {
  test('every row carries the file line it starts on, as papaparse read one record at a time counts it', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), (rows, eol, raw) => {
        // Well-formed CSV, or (raw) the cells written as they are, quotes and breaks unescaped.
        const text = [HEADER, ...rows.map((r) => r.map(raw ? (c) => c : quoted).join(','))].join(eol) + eol;
        const parsed = parseExportText('x.csv', text);
        const reference = linesByStep(text);
        const headerLine = reference.lines[0]!;
        expect(parsed.headers[0]).toBe('earningId');
        // Blank and faulty records are dropped from `rows`: every other record after the header, on the reference's line.
        const kept = reference.lines.filter((_, i) => i > 0 && !reference.blank[i]);
        expect(parsed.lines).toEqual(kept);
        expect(parsed.errors.map((e) => e.line)).toEqual(reference.errorLines.filter((l) => l > headerLine));
      }),
      { numRuns: 2000 },
    );
  });

  test('a line break swallowed by a malformed quote still counts for the rows after it', () => {
    // papaparse reads `"x"y\nz"` as one cell of two lines, past the text after its first closing quote.
    const parsed = parseExportText('x.csv', `${HEADER}\r\n"x"y\nz",P\r\n,E1\r\na\r\n`);
    expect(parsed.errors.map((e) => `${e.code}@${e.line}`)).toEqual(['malformed_csv@2']);
    expect(parsed.lines).toEqual([4, 5]);
  });

  test('a file of CR LF lines with a line feed alone on one of them: the line feed ends its record too, as the batch job reads it', () => {
    const parsed = parseExportText('x.csv', `${HEADER}\r\nE1,a\nE2,b\r\nE3,"c"\nE4,"d"\r\n`);
    expect(parsed.rows).toEqual([['E1', 'a'], ['E2', 'b'], ['E3', 'c'], ['E4', 'd']]);
    expect(parsed.lines).toEqual([2, 3, 4, 5]);
  });

  test('an unclosed quote is an error on the line where it opens', () => {
    const parsed = parseExportText('x.csv', `${HEADER}\nE1,P,H,Co-op,1,1,2021-01-05,USD,ok\nE2,P,H,Co-op,1,1,2021-01-05,USD,"open\nmore\n`);
    expect(parsed.errors.map((e) => [e.line, e.code])).toEqual([[3, 'unclosed_quote']]);
    // A record that starts on line 2 and opens its unclosed quote on line 3.
    const later = parseExportText('x.csv', `${HEADER}\nE1,"a\nb",P,"open\nmore\n`);
    expect(later.errors.map((e) => [e.line, e.code])).toEqual([[3, 'unclosed_quote']]);
  });
});

describe("core's record size cap in the import", () => {
  test('a 20 MB quoted cell is record_too_large at its line and column under core\'s own cap, and nothing after it is read', () => {
    const header = 'earningId,participantId,programName,earningType,earningAmount,earningDate,transactionCurrency';
    const text = `${header}\nE1,P1,Hosting,Co-op,1,2021-01-05,USD\nE2,"${'x'.repeat(20 * 1024 * 1024)}",Hosting,Co-op,1,2021-01-05,USD\nE3,P1,Hosting,Co-op,1,2021-01-05,USD\n`;
    const parsed = parseExportText('huge.csv', text);
    expect(parsed.errors).toEqual([{ line: 3, code: 'record_too_large', input: String(16 * 1024 * 1024), column: 'participantId' }]);
    expect(parsed.rows.map((r) => r[0])).toEqual(['E1']);
  });
});

test("a reader's problem is one of core's input codes, or it does not compile (checked by npm run typecheck)", () => {
  // Never run: only the compiler reads this call. A misspelt code would be no file refusal to
  // core's refusesWholeFile, and a truncated file would be imported but for one row.
  const call = () => {
    // @ts-expect-error not a code core knows
    unreadableExport('e.csv', 'unclosed_qoute');
  };
  expect(typeof call).toBe('function');
});
