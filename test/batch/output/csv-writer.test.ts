import { afterEach, describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { Dec } from '../../../core/money/decimal.js';
import { BALANCES_COLUMNS } from '../../../core/workbook-layout.js';
import { createCsvWriter, csvField, csvLine, writeCsvFile, type CsvRecordMemo } from '../../../batch/output/csv-writer.js';
import type { ReportColumn } from '../../../batch/output/cell-value.js';
import { tempDirs } from '../../support/temp-dir.js';
import fc from 'fast-check';
import Papa from 'papaparse';
import { parseAmount } from '../../../core/money/parse-amount.js';
import { roundToMinor } from '../../../core/money/round.js';
import { restoreNeutralisedText } from '../../../core/text/neutralise-formula.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

describe('csvField', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['', ''],
    [' padded ', ' padded '],
  ])('quotes %j as %j (RFC 4180)', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  test('ends every record with CRLF', () => {
    expect(csvLine(['a', 'b,c'])).toBe('a,"b,c"\r\n');
  });
});

const COLUMNS: readonly ReportColumn[] = [
  { name: 'note', kind: 'text' },
  { name: 'currency', kind: 'text' },
  { name: 'amount', kind: 'amount', currencyColumn: 'currency' },
  { name: 'usd', kind: 'amountUSD' },
  { name: 'day', kind: 'date' },
  { name: 'flag', kind: 'boolean' },
  { name: 'count', kind: 'integer' },
];

describe('createCsvWriter', () => {
  test('writes a header and rows with amounts rounded per row currency and text neutralised', async () => {
    const path = join(await dirs.make(), 'out.csv');
    await writeCsvFile(path, COLUMNS, [
      { note: '=cmd|"/c calc"!A1', currency: 'EUR', amount: new Dec('-12.5'), usd: new Dec('-13.455'), day: '2021-02-16', flag: true, count: 3 },
      { note: '-12.50', currency: 'JPY', amount: new Dec('2.5'), usd: null, day: null, flag: false, count: 0 },
      { note: 'Fabrikam, Inc.', currency: 'KWD', amount: new Dec('0.0005'), usd: new Dec('0.005'), flag: null },
    ]);
    expect(await readFile(path, 'utf8')).toBe(
      'note,currency,amount,usd,day,flag,count\r\n' +
        '"\'=cmd|""/c calc""!A1",EUR,-12.50,-13.46,2021-02-16,true,3\r\n' +
        "'-12.50,JPY,3,,,false,0\r\n" +
        '"Fabrikam, Inc.",KWD,0.001,0.01,,,\r\n',
    );
  });

  test('writes no byte-order mark by default and one when asked', async () => {
    const dir = await dirs.make();
    await writeCsvFile(join(dir, 'plain.csv'), [{ name: 'naam', kind: 'text' }], [{ naam: 'Zoë' }]);
    await writeCsvFile(join(dir, 'bom.csv'), [{ name: 'naam', kind: 'text' }], [{ naam: 'Zoë' }], { bom: true });
    const plain = await readFile(join(dir, 'plain.csv'));
    const bom = await readFile(join(dir, 'bom.csv'));
    expect([...plain.subarray(0, 3)]).toEqual([0x6e, 0x61, 0x61]);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bom.subarray(3).toString('utf8')).toBe(plain.toString('utf8'));
  });

  test('takes each amount column currency from its own column when one is named', async () => {
    const path = join(await dirs.make(), 'o.csv');
    const columns: ReportColumn[] = [
      { name: 'paid', kind: 'amount', currencyColumn: 'paidCurrency' },
      { name: 'paidCurrency', kind: 'text' },
      { name: 'earned', kind: 'amount', currencyColumn: 'currency' },
      { name: 'currency', kind: 'text' },
    ];
    await writeCsvFile(path, columns, [{ paid: new Dec('1.5'), paidCurrency: 'JPY', earned: new Dec('1.5'), currency: 'EUR' }]);
    expect(await readFile(path, 'utf8')).toBe('paid,paidCurrency,earned,currency\r\n2,JPY,1.50,EUR\r\n');
  });

  test('waits for a slow stream instead of buffering everything (backpressure)', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let bytes = 0;
    const slow = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        bytes += chunk.length;
        setTimeout(() => {
          inFlight -= 1;
          done();
        }, 1);
      },
    });
    let buffered = 0;
    const writer = createCsvWriter(slow, BALANCES_COLUMNS);
    for (let i = 0; i < 5000; i++) {
      await writer.writeRow({ participantId: `P${i}`, currency: 'EUR', coopEarned: new Dec(i).div(3) });
      buffered = Math.max(buffered, slow.writableLength);
    }
    await writer.close();
    expect(writer.rowsWritten).toBe(5000);
    expect(bytes).toBeGreaterThan(5000 * 30);
    // The writer never piles more than one chunk on top of the stream's own buffer.
    expect(buffered).toBeLessThan(16 * 1024 + 64 * 1024 + 1024);
  });

  test('formats a row shared by two files once and writes the same record in both', async () => {
    const dir = await dirs.make();
    const shared = { note: 'Fabrikam, Inc.', currency: 'EUR', amount: new Dec('12.345'), day: '2021-02-16', count: 1 };
    const only = { note: '=1+1', currency: 'JPY', amount: new Dec('2.5'), count: 2 };
    const recordMemo: CsvRecordMemo = new WeakMap();
    await writeCsvFile(join(dir, 'all.csv'), COLUMNS, [shared, only], { recordMemo });
    // Changed after the first file: a second formatting would show it, the remembered record does not.
    shared.amount = new Dec('99');
    await writeCsvFile(join(dir, 'delta.csv'), COLUMNS, [shared], { recordMemo });
    const header = 'note,currency,amount,usd,day,flag,count\r\n';
    expect(await readFile(join(dir, 'all.csv'), 'utf8')).toBe(`${header}"Fabrikam, Inc.",EUR,12.35,,2021-02-16,,1\r\n'=1+1,JPY,3,,,,2\r\n`);
    expect(await readFile(join(dir, 'delta.csv'), 'utf8')).toBe(`${header}"Fabrikam, Inc.",EUR,12.35,,2021-02-16,,1\r\n`);
  });

  test('rejects when the file cannot be written', async () => {
    const path = join(await dirs.make(), 'missing-folder', 'x.csv');
    await expect(writeCsvFile(path, COLUMNS, [{ note: 'a' }])).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('CSV round trip', () => {
  const TEXT_AND_AMOUNT: readonly ReportColumn[] = [
    { name: 'note', kind: 'text' },
    { name: 'currency', kind: 'text' },
    { name: 'amount', kind: 'amount', currencyColumn: 'currency' },
  ];

  test('reads back the same texts and the rounded amounts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(
        fc.record({
          note: fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 20 }),
            fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', "'", 'a', ' '), maxLength: 8 }),
          ),
          currency: fc.constantFrom('EUR', 'JPY', 'KWD', 'USD'),
          amount: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).chain((n) => fc.integer({ min: 0, max: 6 }).map((scale) => new Dec(n.toString()).div(new Dec(10).pow(scale)))),
        }),
        { maxLength: 8 },
      ), async (rows) => {
        const path = join(await dirs.make(), 'rt.csv');
        await writeCsvFile(path, TEXT_AND_AMOUNT, rows);
        const parsed = Papa.parse<Record<string, string>>(await readFile(path, 'utf8'), { header: true, skipEmptyLines: true, newline: '\r\n' });
        const data = parsed.data;
        expect(parsed.errors).toEqual([]);
        expect(data.map((r) => restoreNeutralisedText(r.note!))).toEqual(rows.map((r) => r.note));
        expect(data.map((r) => {
          const p = parseAmount(r.amount!);
          return p.ok ? p.value.toString() : 'invalid';
        })).toEqual(rows.map((r) => roundToMinor(r.amount, r.currency).toString()));
        await dirs.cleanup();
      }),
      { numRuns: 50 },
    );
  });
});
