import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { EARNING_ROW_COLUMNS, readEarningRow, type EarningRowColumn } from '../../../core/reconcile/earning-row.js';
import { join } from 'node:path';
import { numberLocale, type NumberLocale } from '../../../core/money/parse-amount.js';
import { fileSource } from '../../../batch/input/input-source.js';
import { earningKind } from '../../../core/reconcile/earning-type.js';
import type { EarningRecord } from '../../../core/reconcile/earning-record.js';
import { earningFingerprint as fingerprintWith } from '../../../core/reconcile/earning-identity.js';
import { FieldHasher } from '../../../core/reconcile/earning-hash.js';

const hasher = new FieldHasher();
const earningFingerprint = (row: EarningRecord): string => fingerprintWith(row, hasher);
import { collectEarnings, earningLine, EARNINGS_HEADER, located, source } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/input');

function nl(): NumberLocale {
  const r = numberLocale('nl-NL');
  if (!r.ok) throw new Error('nl-NL locale missing');
  return r.value;
}

function one(...lines: string[]): string {
  return [EARNINGS_HEADER, ...lines].join('\n');
}

describe('earnings rows', () => {
  test('a header on line 7 below the report preamble gives typed rows located from line 8', async () => {
    const r = await collectEarnings(fileSource(join(FIXTURES, 'earnings-header-line-7.csv'), 'earnings-header-line-7.csv'));
    expect(r.issues).toEqual([]);
    expect(r.rows.map((row) => [row.location.line, row.earningId, row.kind, row.amount.toFixed(2), row.amountUSD?.toFixed(2), row.paymentStatus])).toEqual([
      [8, 'E-1001', 'rebate', '600.00', '705.12', 'Upcoming'],
      [9, 'E-1002', 'coop', '400.00', '470.08', 'Upcoming'],
    ]);
  });

  test('a TSV with shuffled, oddly cased columns reads by name and keeps unknown columns verbatim', async () => {
    const r = await collectEarnings(fileSource(join(FIXTURES, 'earnings-shuffled.tsv'), 'earnings-shuffled.tsv'), { passThrough: true });
    expect(r.issues).toEqual([]);
    expect(r.summary.header?.delimiter).toBe('\t');
    const [first, second] = r.rows as [EarningRecord, EarningRecord];
    expect(first).toMatchObject({
      earningId: 'E-2001',
      participantId: 'P-200',
      programName: 'CSP Indirect Provider',
      earningType: 'COOP',
      kind: 'coop',
      earningDate: '2021-03-15',
      currency: 'USD',
      amountUSD: null,
      participantName: '',
      location: { file: 'earnings-shuffled.tsv', line: 2 },
    });
    expect(first.amount.toString()).toBe('-12.5');
    expect({ ...first.passThrough }).toEqual({ customerTenantId: '7c1e0000-aaaa-bbbb-cccc-000000000001', invoiceNumber: 'INV-9' });
    expect(second.amount.toString()).toBe('-1250');
    expect(second.kind).toBe('rebate');
    expect(second.earningDate).toBe('2021-04-01');
  });

  test('unknown columns are kept only when asked for (the ledger does not read them)', async () => {
    const r = await collectEarnings(fileSource(join(FIXTURES, 'earnings-shuffled.tsv'), 'earnings-shuffled.tsv'));
    expect(r.issues).toEqual([]);
    expect({ ...r.rows[0]!.passThrough }).toEqual({});
  });

  test.each([
    ['12.50', undefined, '12.5'],
    ['(12.50)', undefined, '-12.5'],
    ['-12.50', undefined, '-12.5'],
    ['"1,234.56"', undefined, '1234.56'],
    ['"1.234,56"', 'nl-NL', '1234.56'],
    ['"(1.234,56)"', 'nl-NL', '-1234.56'],
  ])('the amount %s (locale %s) is %s exactly', async (written, locale, expected) => {
    const r = await collectEarnings(source(one(earningLine('E1', { amount: written }))), locale ? { locale: nl() } : {});
    expect(r.issues).toEqual([]);
    expect(r.rows[0]!.amount.toString()).toBe(expected);
  });

  test.each([
    ['"1.234,56"', 'malformed_or_locale_formatted'],
    ['12.5x', 'malformed_or_locale_formatted'],
    ['EUR 5', 'malformed_or_locale_formatted'],
    ['1499.9999999999999', 'too_precise'],
  ])('the amount %s without a locale is invalid_amount in column 6 (%s)', async (written, reason) => {
    const r = await collectEarnings(source(one(earningLine('E0'), earningLine('E1', { amount: written }))));
    expect(located(r.issues)).toEqual([{ code: 'invalid_amount', severity: 'error', line: 3, column: 6 }]);
    expect(r.issues[0]).toMatchObject({ columnName: 'earningAmount', raw: written.replace(/"/g, ''), params: { reason } });
    expect(r.rows.map((row) => row.earningId)).toEqual(['E0']);
    expect(r.rejected.map((x) => x.location.line)).toEqual([3]);
  });

  test('a semicolon file saved by a Dutch Excel reads with --number-locale nl-NL', async () => {
    const text = `${EARNINGS_HEADER.replace(/,/g, ';')}\r\nE1;P-1;Contoso;CSP;Co-op;1.234,56;1.452,42;15-3-2021;EUR;T1;Azure\r\nE2;P-1;Contoso;CSP;Co-op;-0,50;;2021-03-15;EUR;T1;Azure\r\n`;
    const r = await collectEarnings(source(text), { locale: nl() });
    expect(r.rows.map((row) => [row.earningId, row.amount.toString()])).toEqual([['E2', '-0.5']]);
    // Dates are never read in a locale's order: 15-3-2021 is rejected, not guessed.
    expect(located(r.issues)).toEqual([{ code: 'invalid_date', severity: 'error', line: 2, column: 8 }]);
  });

  test('1,234 under nl-NL is ambiguous: invalid_amount, never a guess', async () => {
    const r = await collectEarnings(source(one(earningLine('E1', { amount: '"1,234"' }))), { locale: nl() });
    expect(r.issues[0]).toMatchObject({ code: 'invalid_amount', params: { reason: 'ambiguous' } });
  });

  test.each([
    ['2021-03-15', '2021-03-15'],
    ['2021-03-15T23:59:59Z', '2021-03-15'],
    ['2021-03-15 08:00:00', '2021-03-15'],
    ['3/15/2021', '2021-03-15'],
    ['12/1/2020 11:05:00 PM', '2020-12-01'],
  ])('the date %s is %s', async (written, expected) => {
    const r = await collectEarnings(source(one(earningLine('E1', { date: written }))));
    expect(r.issues).toEqual([]);
    expect(r.rows[0]!.earningDate).toBe(expected);
  });

  test.each(['2021-02-30', '13/01/2021', '2021-13-01', '15.03.2021'])('the date %s is invalid_date in column 8', async (written) => {
    const r = await collectEarnings(source(one(earningLine('E1', { date: written }))));
    expect(located(r.issues)).toEqual([{ code: 'invalid_date', severity: 'error', line: 2, column: 8 }]);
    expect(r.issues[0]).toMatchObject({ columnName: 'earningDate', raw: written });
  });

  test('a currency that is not three letters is invalid_currency; lower case is normalised', async () => {
    const r = await collectEarnings(source(one(earningLine('E1', { currency: 'eur' }), earningLine('E2', { currency: 'EURO' }))));
    expect(r.rows[0]!.currency).toBe('EUR');
    expect(located(r.issues)).toEqual([{ code: 'invalid_currency', severity: 'error', line: 3, column: 9 }]);
  });

  test('every bad value of a row is reported, each in its column', async () => {
    const r = await collectEarnings(source(one(',P-1,,Prog,Co-op,abc,,2021-02-30,XX1,,')));
    expect(located(r.issues)).toEqual([
      { code: 'missing_field', severity: 'error', line: 2, column: 1 },
      { code: 'invalid_amount', severity: 'error', line: 2, column: 6 },
      { code: 'invalid_date', severity: 'error', line: 2, column: 8 },
      { code: 'invalid_currency', severity: 'error', line: 2, column: 9 },
    ]);
    expect(r.rows).toEqual([]);
  });

  test('an unknown earningType is read as other and delivered; the reader leaves its warning to the ledger', async () => {
    const r = await collectEarnings(source(one(earningLine('E1', { type: 'Bonus' }), earningLine('E2', { type: 'bonus' }), earningLine('E3', { type: 'Marketing' }))));
    expect(r.rows.map((row) => [row.kind, row.earningType, row.location.line])).toEqual([['other', 'Bonus', 2], ['other', 'bonus', 3], ['other', 'Marketing', 4]]);
    expect(r.issues).toEqual([]);
    expect(r.summary).toMatchObject({ records: 3, errors: 0, warnings: 0 });
  });

  test('a missing required column is missing_column naming it', async () => {
    const r = await collectEarnings(source('earningId,participantId,programName,earningType,earningAmount,transactionCurrency\nE1,P,Prog,Rebate,1,EUR\n'));
    expect(located(r.issues)).toEqual([{ code: 'missing_column', severity: 'error', line: 1 }]);
    expect(r.issues[0]!.params?.['missing']).toBe('earningDate');
  });
});

describe('earning types', () => {
  test.each([
    ['Rebate', 'rebate'],
    ['Indirect Rebate', 'rebate'],
    ['Adjustment-Rebate', 'rebate'],
    ['Co-op', 'coop'],
    ['Coop', 'coop'],
    ['COOP', 'coop'],
    ['co - op', 'coop'],
    ['Claim', 'claim'],
    ['Fee', 'fee'],
    ['Sell', 'sell'],
    ['Something new', 'other'],
  ])('%s is %s', (type, kind) => {
    expect(earningKind(type)).toBe(kind);
  });
});

describe('fingerprints', () => {
  async function rowsOf(text: string): Promise<EarningRecord[]> {
    const r = await collectEarnings(source(text));
    expect(r.issues).toEqual([]);
    return r.rows;
  }

  test('the same earning in two downloads, written differently, has one fingerprint', async () => {
    const [a] = await rowsOf(one('E1,P-1,Contoso,CSP,Co-op,12.50,14.00,2021-03-15,EUR,T1,Azure'));
    const [b] = await rowsOf(`note\n${EARNINGS_HEADER},extra\nE1,P-1,Contoso,CSP,COOP,12.5,14,3/15/2021,eur,T1,Azure,other`);
    expect(a!.location).not.toEqual(b!.location);
    expect(earningFingerprint(a!)).toBe(earningFingerprint(b!));
    expect(earningFingerprint(a!)).toMatch(/^[0-9a-f]{16}$/);
  });

  test('a different amount or date gives a different fingerprint', async () => {
    const rows = await rowsOf(
      one(
        'E1,P-1,Contoso,CSP,Co-op,12.50,14.00,2021-03-15,EUR,T1,Azure',
        'E1,P-1,Contoso,CSP,Co-op,12.51,14.00,2021-03-15,EUR,T1,Azure',
        'E1,P-1,Contoso,CSP,Co-op,12.50,14.00,2021-03-16,EUR,T1,Azure',
      ),
    );
    expect(new Set(rows.map(earningFingerprint)).size).toBe(3);
  });
});

describe('the fast path and core\'s acceptance rule', () => {
  const COLUMNS = EARNING_ROW_COLUMNS;
  /** Mostly values a row is accepted with, sometimes one it is not: so rows of every kind are common. */
  const mostly = (good: readonly string[], bad: readonly string[]) =>
    fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 8 }, { arbitrary: fc.constantFrom(...bad), weight: 1 });
  const amount = mostly(['12.50', '-0.5', '(12.50)', '1,234.56', ' 7 ', '0', '100000000000.0001', '1.234,56'], ['12.5O', '', '1e3', '-', '1 000']);
  const optionalAmount = mostly(['', '', '12.50', '(3.10)', '1.234,56', '.5'], ['12.5O', '-', '1e3']);
  const texts: Record<EarningRowColumn, fc.Arbitrary<string>> = {
    earningId: mostly(['E-1', ' E-2 '], ['']),
    participantId: mostly(['P-100'], ['']),
    programName: mostly(['Hosting'], ['']),
    earningType: mostly(['Co-op', 'Rebate', 'Widget'], ['']),
    earningAmount: amount,
    earningAmountUSD: optionalAmount,
    earningDate: mostly(['2021-03-15', '3/15/2021'], ['2021-02-30', '', 'soon']),
    transactionCurrency: mostly(['EUR', 'eur', ' usd'], ['', 'EURO', 'E1R']),
    lastPaymentCurrency: mostly(['GBP', 'gbp', ''], ['POUND', 'G B']),
    earningAmountInLastPaymentCurrency: optionalAmount,
  };
  const row = fc.record(texts);

  test('a row is delivered exactly when readEarningRow accepts it, with the values it reads, and refused with its problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), fc.boolean(), async (rows, withLocale) => {
        const quoted = (cells: readonly string[]) => cells.map((c) => `"${c}"`).join(',');
        const text = [quoted(COLUMNS), ...rows.map((r) => quoted(COLUMNS.map((c) => r[c])))].join('\n');
        const locale = withLocale ? nl() : undefined;
        const r = await collectEarnings(source(text), locale ? { locale } : {});
        const delivered = new Map(r.rows.map((d) => [d.location.line, d]));
        rows.forEach((cells, i) => {
          const line = i + 2;
          const expected = readEarningRow((c) => cells[c].trim(), locale ? { locale } : {});
          const got = delivered.get(line);
          if (expected.ok) {
            expect(got).toBeDefined();
            expect({
              amountScaled: got!.amountScaled,
              amountUSDScaled: got!.amountUSDScaled,
              earningDate: got!.earningDate,
              currency: got!.currency,
              paymentCurrency: got!.paymentCurrency,
              amountInPaymentCurrencyScaled: got!.amountInPaymentCurrencyScaled,
            }).toEqual(expected.value);
          } else {
            expect(got).toBeUndefined();
            const errors = r.issues.filter((issue) => issue.line === line && issue.severity === 'error');
            expect(errors.map((e) => [e.code, e.column])).toEqual(expected.issues.map((p) => [p.code, COLUMNS.indexOf(p.path[0] as EarningRowColumn) + 1]));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  test('a pay-to currency that is no ISO code and a pay-to amount that is no number are refused in their columns', async () => {
    const header = `${EARNINGS_HEADER},lastPaymentCurrency,earningAmountInLastPaymentCurrency`;
    const r = await collectEarnings(source([header, `${earningLine('E-1')},EURO,12.50`, `${earningLine('E-2')},gbp,12.5O`, `${earningLine('E-3')},gbp,10.80`].join('\n')));
    expect(located(r.issues)).toEqual([
      { code: 'invalid_currency', severity: 'error', line: 2, column: 12 },
      { code: 'invalid_amount', severity: 'error', line: 3, column: 13 },
    ]);
    expect(r.rows.map((row) => [row.earningId, row.paymentCurrency])).toEqual([['E-3', 'GBP']]);
  });
});
