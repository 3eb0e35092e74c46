import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { PassThrough } from 'node:stream';
import { parseDate, isoDate } from '../../core/calendar/calendar-date.js';
import { parseHalf, formatHalf } from '../../core/calendar/fiscal-half.js';
import { parseAmount, numberLocale } from '../../core/money/parse-amount.js';
import { formatAmount } from '../../core/money/round.js';
import { Dec } from '../../core/money/decimal.js';
import { parsePolicyFile } from '../../core/policy/parse-policy-file.js';
import { parseClaimRow } from '../../core/claims/claim-row.js';
import { sourceFromChunks } from '../../batch/input/input-source.js';
import { chunked } from '../support/chunked.js';
import { readCsvRecords } from '../../batch/input/csv-records.js';
import { readEarnings } from '../../batch/input/read-earnings.js';
import { createCsvWriter } from '../../batch/output/csv-writer.js';
import { restoreNeutralisedText } from '../../core/text/neutralise-formula.js';
import { CLAIMS_COLUMNS } from '../../core/workbook-layout.js';

// Arbitrary input never throws an unexpected exception: it yields a value or located issues.

const nl = numberLocale('nl-NL');
if (!nl.ok) throw new Error('nl-NL');

describe('parsers take anything', () => {
  test('parseAmount: a value or invalid_amount', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const r = parseAmount(text, { locale: nl.value });
        if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['invalid_amount']);
        else expect(r.value.isFinite()).toBe(true);
      }),
    );
  });

  test('parseDate: a real date or invalid_date', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}( \d\d:\d\d)?$/)), (text) => {
        const r = parseDate(text);
        if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['invalid_date']);
        else expect(isoDate(r.value)).toBe(r.value);
      }),
    );
  });

  test('parseHalf: a half or invalid_period_label', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^\s*[fF][yY]\s?\d{1,5}[ _-]?[hH]\d\s*$/)), (text) => {
        const r = parseHalf(text);
        if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['invalid_period_label']);
        else expect(parseHalf(formatHalf(r.value))).toEqual(r);
      }),
    );
  });

  test('parsePolicyFile: entries or issues that each have a code and a path', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const r = parsePolicyFile(json);
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const i of r.issues) {
            expect(i.code).toMatch(/^[a-z_]+$/);
            expect(Array.isArray(i.path)).toBe(true);
          }
        }
      }),
    );
  });

  const policyEntry = fc.record(
    {
      name: fc.oneof(fc.string(), fc.integer()),
      aliases: fc.oneof(fc.array(fc.string()), fc.string()),
      coopShare: fc.oneof(fc.string(), fc.double(), fc.constant('0.40')),
      thresholdUSD: fc.oneof(fc.string(), fc.integer()),
      coopClaims: fc.oneof(fc.boolean(), fc.string()),
      from: fc.oneof(fc.string(), fc.constant('FY22 H1')),
      until: fc.string(),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );
  test('parsePolicyFile: programs shaped almost right never throw', () => {
    fc.assert(
      fc.property(fc.array(policyEntry, { maxLength: 5 }), (programs) => {
        const r = parsePolicyFile({ programs });
        if (!r.ok) for (const i of r.issues) expect(i.path[0]).toBe('programs');
      }),
    );
  });

  test('parseClaimRow: a claim or issues naming a column', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...CLAIMS_COLUMNS.map((c) => c.name)), fc.string()), (row) => {
        const r = parseClaimRow(row);
        if (!r.ok) for (const i of r.issues) expect(typeof i.path[0]).toBe('string');
      }),
    );
  });
});

const cell = fc.oneof(fc.string(), fc.constantFrom('"', '""', ',', '\n', '\r\n', '"a,b"', '=1+1', '\t'));

describe('the CSV reader takes anything', () => {
  test('records or located issues, whatever the bytes and chunk boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 5 }), async (rows, cuts) => {
        const text = ['earningId,participantId,programName,earningType,earningAmount,earningDate,transactionCurrency', ...rows.map((r) => r.join(','))].join('\n');
        const issues: { line?: number }[] = [];
        let records = 0;
        await readEarnings(sourceFromChunks('fuzz.csv', chunked(Buffer.from(text, 'utf8'), cuts)), {
          onRow: () => void (records += 1),
          onIssue: (i) => issues.push(i),
        });
        for (const i of issues) if (i.line !== undefined) expect(i.line).toBeGreaterThanOrEqual(1);
        expect(records).toBeLessThanOrEqual(rows.length);
      }),
      { numRuns: 200 },
    );
  });

  test('random bytes never throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        await readCsvRecords(sourceFromChunks('bytes.csv', [bytes]), { required: ['a'], onRecord: () => undefined, onIssue: () => undefined });
      }),
      { numRuns: 200 },
    );
  });
});

describe('round trips', () => {
  test('formatAmount then parseAmount gives the same amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }), fc.constantFrom('EUR', 'JPY', 'KWD'), (units, currency) => {
        const digits = currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2;
        const amount = new Dec(units.toString()).div(new Dec(10).pow(digits));
        const r = parseAmount(formatAmount(amount, currency));
        expect(r.ok && r.value.eq(amount)).toBe(true);
      }),
    );
  });

  test('a CSV the job writes reads back to the same values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.string(), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n })), { minLength: 1, maxLength: 20 }), async (rows) => {
        const sink = new PassThrough();
        const chunks: Buffer[] = [];
        sink.on('data', (c: Buffer) => chunks.push(c));
        const writer = createCsvWriter(sink, [
          { name: 'label', kind: 'text' },
          { name: 'amount', kind: 'amount', currencyColumn: 'currency' },
          { name: 'currency', kind: 'text' },
        ]);
        for (const [label, cents] of rows) await writer.writeRow({ label, amount: new Dec(cents.toString()).div(100), currency: 'EUR' });
        await writer.close();
        const back: Record<string, string>[] = [];
        await readCsvRecords(sourceFromChunks('back.csv', [Buffer.concat(chunks)]), {
          required: ['label', 'amount', 'currency'],
          onRecord: (r) => void back.push(r),
          onIssue: (i) => {
            throw new Error(`${i.code} at ${i.line}`);
          },
        });
        // Rows whose every cell is empty read as blank lines; the writer never produces them here
        // because amount and currency are always set.
        expect(back.length).toBe(rows.length);
        back.forEach((r, i) => {
          expect(restoreNeutralisedText(r.label!).replace(/\r\n?/g, '\n')).toBe(rows[i]![0].replace(/\r\n?/g, '\n'));
          const amount = parseAmount(r.amount!);
          expect(amount.ok && amount.value.eq(new Dec(rows[i]![1].toString()).div(100))).toBe(true);
        });
      }),
      { numRuns: 100 },
    );
  });
});
