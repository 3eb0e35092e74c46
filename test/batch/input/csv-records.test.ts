import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { sourceFromChunks, type InputSource } from '../../../batch/input/input-source.js';
import { readCsvRecords } from '../../../batch/input/csv-records.js';
import { collectRecords, located, source } from './helpers.js';
import { parseExportText } from '../../../addin/import/parse-export.js';
import { REQUIRED_EARNINGS_COLUMNS } from '../../../core/workbook-layout.js';
import { HEADER_RECORD_CHARS } from '../../../core/tables/header-record.js';

const REQUIRED = ['id', 'amount'];

describe('finding the header', () => {
  test('a header on line 7 below a report preamble is found, and the first record is line 8', async () => {
    const text = ['Earnings report', 'Participant: Contoso', '', 'Generated 2021-04-01', 'x,y', '', 'id,amount', 'A,1', 'B,2'].join('\n');
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(r.summary.header?.line).toBe(7);
    expect(r.rows.map((row) => [row.line, row.record['id'], row.record['amount']])).toEqual([
      [8, 'A', '1'],
      [9, 'B', '2'],
    ]);
    expect(r.issues).toEqual([]);
  });

  test('column order is free and header names match ignoring case, spaces, - and _', async () => {
    const text = 'Program_Name,AMOUNT,participant-ID,Participant Name\nCSP,5,P-1,Contoso\n';
    const r = await collectRecords(source(text), {
      required: ['participantId', 'amount', 'programName'],
      known: ['participantName'],
    });
    expect(r.rows[0]!.record).toEqual({ programName: 'CSP', amount: '5', participantId: 'P-1', participantName: 'Contoso' });
  });

  test('unknown columns are kept under their header text', async () => {
    const r = await collectRecords(source('id,Customer Tenant,amount,new col\nA,t-1,1,z\n'), { required: REQUIRED });
    expect(r.rows[0]!.record).toEqual({ id: 'A', 'Customer Tenant': 't-1', amount: '1', 'new col': 'z' });
    expect(r.summary.header?.columns.map((c) => [c.index, c.key, c.known])).toEqual([
      [1, 'id', true],
      [2, 'Customer Tenant', false],
      [3, 'amount', true],
      [4, 'new col', false],
    ]);
  });

  test.each([
    ['comma', 'id,amount,note\nA,"1,5",x\n', ','],
    ['tab', 'id\tamount\tnote\nA\t1,5\t"x\ty"\n', '\t'],
    ['semicolon (European Excel)', 'id;amount;note\r\nA;1,5;"x;y"\r\n', ';'],
  ])('the %s delimiter is detected from the header line', async (_name, text, delimiter) => {
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(r.summary.header?.delimiter).toBe(delimiter);
    expect(r.rows[0]!.record['amount']).toBe('1,5');
  });

  test('a header with a required column missing is a missing_column error on the header line, naming the columns', async () => {
    const r = await collectRecords(source('title\nid,total,currency\nA,1,EUR\n'), { required: ['id', 'amount', 'currency', 'date'] });
    expect(located(r.issues)).toEqual([{ code: 'missing_column', severity: 'error', line: 2 }]);
    expect(r.issues[0]!.params?.['missing']).toBe('amount, date');
    expect(r.rows).toEqual([]);
  });

  test('a requirement with alternatives is met by any one of them', async () => {
    const r = await collectRecords(source('id,earnedCurrencyCode\nA,EUR\n'), { required: ['id', ['currencyCode', 'earnedCurrencyCode']] });
    expect(r.rows[0]!.record).toEqual({ id: 'A', earnedCurrencyCode: 'EUR' });
  });

  test('a header below the first 20 lines is not looked for', async () => {
    const text = `${Array.from({ length: 20 }, (_, i) => `note ${i}`).join('\n')}\nid,amount\nA,1\n`;
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'header_not_found', severity: 'error', line: 1 }]);
  });

  test.each([
    ['a header on the last line searched', 19, 'all', 20],
    ['a header one line past the search (the closest is line 2, lacking two columns)', 20, 'all', 2],
    ['a line lacking one column below line 2 lacking two', 3, 'one short', 4],
  ])('the batch reader and the add-in read %s alike', async (_name, notes, kind, headerLine) => {
    const all = [...REQUIRED_EARNINGS_COLUMNS];
    const header = kind === 'all' ? all : all.slice(0, -1);
    const lines = [...Array.from({ length: notes }, (_, i) => (i === 1 ? all.slice(0, -2).join(',') : `note ${i}`)), header.join(','), 'E1,P1,X,Co-op,1,2021-01-01,USD'];
    const text = `${lines.join('\n')}\n`;
    const batch = await collectRecords(source(text), { required: REQUIRED_EARNINGS_COLUMNS });
    const addin = parseExportText('x.csv', text);
    const batchLine = batch.summary.header?.line ?? (batch.issues[0]?.code === 'missing_column' ? batch.issues[0].line : null);
    // The add-in takes the closest line as its header (its plan names what it lacks); the batch job stops there.
    const addinLine = addin.headers.length > 0 ? addin.lines[0]! - 1 : null;
    expect([batchLine, addinLine]).toEqual([headerLine, headerLine]);
  });

  test('duplicate header names after normalisation are an error on the second one, and no rows are read', async () => {
    const r = await collectRecords(source('id,amount,Participant ID,participant_id\nA,1,P,Q\n'), { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'duplicate_header', severity: 'error', line: 1, column: 4 }]);
    expect(r.issues[0]!.columnName).toBe('participant_id');
    expect(r.rows).toEqual([]);
  });

  test('a header cell named __proto__ stays an ordinary column', async () => {
    const r = await collectRecords(source('id,amount,__proto__\nA,1,x\n'), { required: REQUIRED });
    expect(r.rows[0]!.record['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(r.rows[0]!.record)).toBe(Object.prototype);
  });
});

describe('a line the header search cannot read (core\'s longSearchLine; docs/RULES.md, "Earnings export")', () => {
  /**
   * A source of a first line (or a blank line) that goes on for 16 MiB past the limit before its
   * line break, then a header: how much of it the reader asked for is counted.
   */
  function longLine(chunk: string, first = ''): { source: InputSource; read: () => number } {
    let read = 0;
    const bytes = Buffer.from(chunk, 'utf8');
    const end = Buffer.from('\nid,amount\nA,1\n', 'utf8');
    return {
      read: () => read,
      source: {
        name: 'long.csv',
        path: 'long.csv',
        open: () => {
          let sent = 0;
          return Promise.resolve(
            new Readable({
              read() {
                const next = sent === 0 ? Buffer.concat([Buffer.from(first, 'utf8'), bytes]) : sent > HEADER_RECORD_CHARS + (16 << 20) ? end : bytes;
                sent += next.length;
                read += next.length;
                this.push(next);
                if (next === end) this.push(null);
              },
            }),
          );
        },
      },
    };
  }

  test.each([
    ['a first line with no line break yet', 'T'.repeat(1 << 16), ''],
    ['a line after the first', 'T'.repeat(1 << 16), 'Earnings report\r\n'],
  ])('%s is refused once it passes the limit, before its end: the reader does not hold it whole', async (_what, chunk, first) => {
    const { source: long, read } = longLine(chunk, first);
    const r = await collectRecords(long, { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'record_too_large', severity: 'error', line: first === '' ? 1 : 2 }]);
    expect(r.issues[0]!.params).toEqual({ maxChars: String(HEADER_RECORD_CHARS), reason: 'long_line' });
    expect(r.summary.complete).toBe(false);
    // Read a little past the limit (what the stream had buffered), not to the line's end.
    expect(read()).toBeLessThan(HEADER_RECORD_CHARS + (4 << 20));
  });
});

describe('empty files', () => {
  test.each([
    ['0 bytes', ''],
    ['a BOM only', '\ufeff'],
    ['blank lines only', '\r\n\n  \n'],
  ])('a file of %s is an empty_file error', async (_name, text) => {
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'empty_file', severity: 'error' }]);
    expect(r.summary.complete).toBe(false);
  });

  test.each([
    ['with a final line break', 'id,amount\n\n'],
    ['without one', 'id,amount'],
  ])('a header-only file (%s) is a no_rows warning on the header line', async (_name, text) => {
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'no_rows', severity: 'warning', line: 1 }]);
    expect(r.summary).toMatchObject({ records: 0, errors: 0, warnings: 1, complete: true });
  });
});

describe('records and their physical lines', () => {
  test('quoted fields with line breaks push later records to their real lines', async () => {
    const text = 'id,amount,note\nA,1,"two\nlines"\nB,2,"three\r\nphysical\nlines"\nC,3,plain\n';
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(r.rows.map((row) => [row.record['id'], row.line])).toEqual([
      ['A', 2],
      ['B', 4],
      ['C', 7],
    ]);
    expect(r.rows[1]!.record['note']).toBe('three\r\nphysical\nlines');
  });

  test('CRLF line ends leave no carriage return in the last cell', async () => {
    const r = await collectRecords(source('id,amount\r\nA,1\r\n"B","2"\r\nC,\r\n'), { required: REQUIRED });
    expect(r.rows.map((row) => [row.line, row.record['id'], row.record['amount']])).toEqual([
      [2, 'A', '1'],
      [3, 'B', '2'],
      [4, 'C', ''],
    ]);
  });

  test('old Mac CR-only line ends are read as line breaks', async () => {
    const r = await collectRecords(source('id,amount\rA,1\rB,2'), { required: REQUIRED });
    expect(r.rows.map((row) => [row.line, row.record['id']])).toEqual([
      [2, 'A'],
      [3, 'B'],
    ]);
  });

  test('blank lines and rows of empty cells are skipped but still counted as lines', async () => {
    const r = await collectRecords(source('id,amount\n\nA,1\n,\n\r\nB,2\n'), { required: REQUIRED });
    expect(r.rows.map((row) => [row.record['id'], row.line])).toEqual([
      ['A', 3],
      ['B', 6],
    ]);
    expect(r.issues).toEqual([]);
  });

  test('a ragged row is an error at its line and column; the rows around it are still read', async () => {
    const r = await collectRecords(source('id,amount,note\nA,1,x\nB,2\nC,3,y,extra\nD,4,z\n'), { required: REQUIRED });
    expect(located(r.issues)).toEqual([
      { code: 'ragged_row', severity: 'error', line: 3, column: 3 },
      { code: 'ragged_row', severity: 'error', line: 4, column: 4 },
    ]);
    expect(r.issues[0]!.columnName).toBe('note');
    expect(r.issues[0]!.params).toEqual({ expected: '3', actual: '2' });
    expect(r.rows.map((row) => row.record['id'])).toEqual(['A', 'D']);
    expect(r.rejected.map((x) => [x.location.line, x.raw])).toEqual([
      [3, 'B,2'],
      [4, 'C,3,y,extra'],
    ]);
    expect(r.summary).toMatchObject({ records: 2, rejected: 2, errors: 2, complete: true });
  });

  test('an unclosed quote is an error at the line where the quote opened', async () => {
    const text = 'id,amount,note\nA,1,ok\nB,2,"never closed\nC,3,more\nD,4,end\n';
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'unclosed_quote', severity: 'error', line: 3, column: 3 }]);
    expect(r.issues[0]!.columnName).toBe('note');
    expect(r.rows.map((row) => row.record['id'])).toEqual(['A']);
    expect(r.summary.complete).toBe(false);
  });

  test('an unclosed quote in a long file is caught by the record size cap, at the line of the open quote', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `R${i},${i},fine`).join('\n');
    const text = `id,amount,note\nA,1,"runaway\n${rows}\n`;
    const r = await collectRecords(sourceFromChunks('big.csv', [Buffer.from(text.slice(0, 40)), Buffer.from(text.slice(40))]), {
      required: REQUIRED,
      maxRecordChars: 500,
    });
    expect(located(r.issues)).toEqual([{ code: 'record_too_large', severity: 'error', line: 2, column: 3 }]);
    expect(r.issues[0]!.params?.['reason']).toBe('open_quote');
  });

  test('a 20 MB single cell is record_too_large at its line, read in bounded chunks', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x78);
    const chunks = [Buffer.from('id,amount,note\nA,1,x\nB,2,"'), ...Array.from({ length: 320 }, () => chunk), Buffer.from('"\n')];
    const r = await collectRecords(sourceFromChunks('huge.csv', chunks), { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'record_too_large', severity: 'error', line: 3, column: 3 }]);
    expect(r.rows.map((row) => row.record['id'])).toEqual(['A']);
  });

  test('a row of 10,000 columns reads', async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `c${i}`);
    const text = `id,amount,${names.join(',')}\nA,1,${names.map((_, i) => i).join(',')}\n`;
    const r = await collectRecords(source(text), { required: REQUIRED });
    expect(r.issues).toEqual([]);
    expect(r.rows[0]!.record['c9999']).toBe('9999');
  });

  test('a record longer than the cap without a runaway quote is record_too_large', async () => {
    const r = await collectRecords(sourceFromChunks('big.csv', [Buffer.from('id,amount\nA,1\nB,'), Buffer.from('9'.repeat(2000))]), {
      required: REQUIRED,
      maxRecordChars: 500,
    });
    expect(located(r.issues)).toEqual([{ code: 'record_too_large', severity: 'error', line: 3 }]);
  });

  test('text after a closing quote is malformed_csv at that line, and the record is rejected', async () => {
    const r = await collectRecords(source('id,amount,note\nA,1,a\nB,"2"x,"y"\nC,3,c\n'), { required: REQUIRED });
    expect(located(r.issues)).toEqual([{ code: 'malformed_csv', severity: 'error', line: 3 }]);
    expect(r.rows.map((row) => row.record['id'])).toEqual(['A', 'C']);
  });

  test('issues returned for a record reject it when one is an error, and only count when all are warnings', async () => {
    const warning = { severity: 'warning', code: 'no_rows', file: 'in.csv', message: '', hint: '' } as const;
    const error = { ...warning, severity: 'error', code: 'missing_field' } as const;
    const r = await collectRecords(source('id,amount\nA,1\nB,2\n'), { required: REQUIRED });
    expect(r.summary.records).toBe(2);
    const seen: string[] = [];
    const summary = await readCsvRecords(source('id,amount\nA,1\nB,2\n'), {
      required: REQUIRED,
      onRecord: (record) => (record['id'] === 'A' ? [warning] : [warning, error]),
      onIssue: (i) => void seen.push(i.code),
      onRejectedRow: (row) => void seen.push(`rejected ${row.location.line} ${row.raw}`),
    });
    expect(seen).toEqual(['no_rows', 'no_rows', 'missing_field', 'rejected 3 B,2']);
    expect(summary).toMatchObject({ records: 1, rejected: 1, errors: 1, warnings: 2 });
  });
});

describe('properties', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ',', '"', '\n', '\r\n', ' ', '\t', '1'), maxLength: 8 });

  function quote(value: string): string {
    return /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value;
  }

  test('quoted CSV reads back to the same cells and start lines, however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 6 }), async (rows, cuts) => {
        const lines = ['id,amount,note'];
        const expected: { line: number; id: string; note: string }[] = [];
        let line = 2;
        rows.forEach(([a, b], i) => {
          const text = `R${i},${i},${quote(a + b)}`;
          // A value that is only spaces is a blank-looking row only if every cell is empty; ours never are.
          expected.push({ line, id: `R${i}`, note: a + b });
          lines.push(text);
          line += (text.match(/\n/g) ?? []).length + 1;
        });
        const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((x, y) => x - y);
        const chunks = [0, ...points].map((p, i, all) => bytes.subarray(p, all[i + 1] ?? bytes.length)).filter((c) => c.length > 0);
        const r = await collectRecords(sourceFromChunks('p.csv', chunks), { required: REQUIRED });
        expect(r.issues).toEqual([]);
        expect(r.rows.map((row) => ({ line: row.line, id: row.record['id'], note: row.record['note'] }))).toEqual(expected);
      }),
    );
  });

  test('arbitrary text never throws: it gives records or located issues', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', '\t', 'id', 'amount', ' ', 'é'), maxLength: 200 }), async (text) => {
        const r = await collectRecords(source(text), { required: REQUIRED });
        for (const issue of r.issues) {
          expect(issue.file).toBe('in.csv');
          expect(issue.code).toMatch(/^[a-z_]+$/);
        }
        expect(r.rows.length + r.summary.errors + r.summary.warnings).toBeGreaterThanOrEqual(r.rows.length > 0 ? 1 : 0);
      }),
    );
  });

  test('arbitrary bytes, chunked anywhere, never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.nat(), async (bytes, cut) => {
        const at = bytes.length === 0 ? 0 : cut % bytes.length;
        const header = Buffer.from('id,amount\n');
        const chunks = [header, bytes.subarray(0, at), bytes.subarray(at)];
        const r = await collectRecords(sourceFromChunks('fuzz.csv', chunks), { required: REQUIRED });
        for (const issue of r.issues) expect(issue.code).toMatch(/^[a-z_]+$/);
        expect(r.summary.records).toBe(r.rows.length);
      }),
    );
  });
});
