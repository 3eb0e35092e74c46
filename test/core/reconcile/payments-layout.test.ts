import { describe, expect, test } from 'vitest';
import { missingRequirements } from '../../../core/tables/header-row.js';
import {
  REQUIRED_PAYMENTS_COLUMNS,
  paymentCurrencyOf,
  paymentsCurrencyColumns,
  paymentsImportOrder,
  paymentsTableColumn,
  readPaymentRow,
  type PaymentsColumn,
} from '../../../core/reconcile/payments-layout.js';
import { numberLocale } from '../../../core/money/parse-amount.js';
import type { CurrencyCode } from '../../../core/money/currency.js';

const has = (...columns: string[]) => (column: string) => columns.includes(column);

describe('the Payments report layout', () => {
  test.each([
    [['currencyCode'], 'currencyCode', null],
    [['earnedCurrencyCode', 'paymentCurrencyCode'], 'earnedCurrencyCode', 'paymentCurrencyCode'],
    [['currencyCode', 'earnedCurrencyCode'], 'earnedCurrencyCode', null],
  ])('with the columns %j, earned is read from %s and the payment currency from %s', (columns, earned, payment) => {
    expect(paymentsCurrencyColumns(has(...columns))).toEqual({ earned, payment });
  });

  test('an empty payment currency is the earned currency; a written one stays', () => {
    expect(paymentCurrencyOf(null, 'EUR' as CurrencyCode)).toBe('EUR');
    expect(paymentCurrencyOf('USD' as CurrencyCode, 'EUR' as CurrencyCode)).toBe('USD');
  });

  test.each([
    [['paymentID', 'participantID', 'earned', 'currencyCode'], 0],
    [['paymentId', 'participantId', 'earned', 'earnedCurrencyCode'], 0],
    [['paymentId', 'participantId', 'earned', 'paymentCurrencyCode'], 1],
    [['participantId', 'earned', 'currencyCode'], 1],
  ])('a header %j lacks %i of the required columns', (names, missing) => {
    expect(missingRequirements(names, REQUIRED_PAYMENTS_COLUMNS)).toHaveLength(missing);
  });
});

const ONE_COLUMN = paymentsCurrencyColumns(has('currencyCode'));
const TWO_COLUMNS = paymentsCurrencyColumns(has('earnedCurrencyCode', 'paymentCurrencyCode'));
const GOOD: Partial<Record<PaymentsColumn, string>> = { paymentId: 'PAY-1', participantId: 'P-1', earned: '100.50', currencyCode: 'eur' };
const row = (cells: Partial<Record<PaymentsColumn, string>>) => (column: PaymentsColumn) => cells[column] ?? '';

describe("where an imported report's columns go in the add-in's Payments table", () => {
  const older = paymentsCurrencyColumns(has('currencyCode'));
  const newer = paymentsCurrencyColumns(has('earnedCurrencyCode', 'currencyCode', 'paymentCurrencyCode'));

  test.each<[string, string[], string]>([
    ['set up from the layout', ['paymentId', 'earnedCurrencyCode', 'paymentCurrencyCode'], 'earnedCurrencyCode'],
    ['with neither currency column yet', ['paymentId'], 'earnedCurrencyCode'],
    ['with both', ['currencyCode', 'earnedCurrencyCode'], 'earnedCurrencyCode'],
    ['kept with currencyCode alone', ['paymentId', 'currencyCode'], 'currencyCode'],
  ])("an older report's one currencyCode, its earned currency, goes in a table %s to %s", (_what, table, column) => {
    expect(paymentsTableColumn('currencyCode', older, has(...table))).toBe(column);
  });

  test("a newer report's earned currency goes to the earned column; its other columns, currencyCode too, to their own", () => {
    expect(paymentsTableColumn('earnedCurrencyCode', newer, has('earnedCurrencyCode'))).toBe('earnedCurrencyCode');
    expect(paymentsTableColumn('earnedCurrencyCode', newer, has('currencyCode'))).toBe('currencyCode');
    for (const column of ['currencyCode', 'paymentCurrencyCode', 'earned', 'Notes']) expect(paymentsTableColumn(column, newer, has('earnedCurrencyCode'))).toBe(column);
    expect(paymentsTableColumn('paymentId', older, has('currencyCode'))).toBe('paymentId');
  });

  test("the earned currency takes its table column first, the others in the report's order", () => {
    const report = ['paymentId', 'currencyCode', 'earned', 'earnedCurrencyCode', '', 'paymentCurrencyCode'];
    expect(paymentsImportOrder(report, newer)).toEqual([3, 0, 1, 2, 4, 5]);
    expect(paymentsImportOrder(['paymentId', 'earned', 'currencyCode'], older)).toEqual([2, 0, 1]);
    expect(paymentsImportOrder(['paymentId', 'earned'], older)).toEqual([0, 1]);
  });
});

describe('which Payments rows are read', () => {
  test('a row with paymentId, participantId, earned and a currency is read, its empty optional values null', () => {
    const r = readPaymentRow(row(GOOD), ONE_COLUMN);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.paymentId, r.value.participantId, r.value.earned.toString(), r.value.earnedCurrency, r.value.paymentCurrency]).toEqual(['PAY-1', 'P-1', '100.5', 'EUR', 'EUR']);
    expect([r.value.earnedUSD, r.value.totalPayment, r.value.paymentDate]).toEqual([null, null, null]);
  });

  test('written optional values are read: amounts, the payment currency and the date', () => {
    const r = readPaymentRow(
      row({ paymentId: 'PAY-2', participantId: 'P-1', earned: '(1,000.00)', earnedUSD: '1180', totalPayment: '950.25', earnedCurrencyCode: 'EUR', paymentCurrencyCode: 'usd', paymentDate: '5/20/2021' }),
      TWO_COLUMNS,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.value.earned.toString(), r.value.earnedUSD?.toString(), r.value.totalPayment?.toString(), r.value.earnedCurrency, r.value.paymentCurrency, r.value.paymentDate]).toEqual(
      ['-1000', '1180', '950.25', 'EUR', 'USD', '2021-05-20'],
    );
  });

  test.each([
    ['paymentId', '', 'missing_field', { ...GOOD, paymentId: '' }],
    ['participantId', '', 'missing_field', { ...GOOD, participantId: '' }],
    ['earned', '', 'missing_field', { ...GOOD, earned: '' }],
    ['currencyCode', '', 'missing_field', { ...GOOD, currencyCode: '' }],
    ['earned', 'x', 'invalid_amount', { ...GOOD, earned: 'x' }],
    ['earnedUSD', '1.2.3', 'invalid_amount', { ...GOOD, earnedUSD: '1.2.3' }],
    ['totalPayment', 'abc', 'invalid_amount', { ...GOOD, totalPayment: 'abc' }],
    ['currencyCode', 'EURO', 'invalid_currency', { ...GOOD, currencyCode: 'EURO' }],
    ['paymentDate', '2021-02-30', 'invalid_date', { ...GOOD, paymentDate: '2021-02-30' }],
  ] as const)('a row whose %s is %j is refused with %s on that column, with the cell', (column, input, code, cells) => {
    expect(readPaymentRow(row(cells), ONE_COLUMN)).toEqual({ ok: false, issues: [expect.objectContaining({ code, path: [column], input })] });
  });

  test('an unreadable payment currency refuses the row; only the report\'s own currency columns are read', () => {
    const cells = { paymentId: 'PAY-1', participantId: 'P-1', earned: '1', earnedCurrencyCode: 'EUR', paymentCurrencyCode: 'E U R' };
    expect(readPaymentRow(row(cells), TWO_COLUMNS)).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'invalid_currency', path: ['paymentCurrencyCode'] })] });
    // A report without paymentCurrencyCode never reads it, whatever the row holds.
    expect(readPaymentRow(row({ ...cells, currencyCode: 'EUR', earnedCurrencyCode: '' }), ONE_COLUMN).ok).toBe(true);
  });

  describe('a report that kept currencyCode beside earnedCurrencyCode', () => {
    const BOTH = paymentsCurrencyColumns(has('currencyCode', 'earnedCurrencyCode'));
    const cells = { paymentId: 'PAY-1', participantId: 'P-1', earned: '1', earnedCurrencyCode: 'EUR' };

    test.each([
      ['the same currency', 'EUR'],
      ['the same currency in lower case', ' eur '],
      ['nothing', ''],
    ])('is read when currencyCode states %s', (_what, currencyCode) => {
      const r = readPaymentRow(row({ ...cells, currencyCode }), BOTH);
      expect(r.ok ? r.value.earnedCurrency : r.issues).toBe('EUR');
    });

    test('is refused where currencyCode states another currency: which one `earned` is in would be a guess', () => {
      expect(readPaymentRow(row({ ...cells, currencyCode: 'usd' }), BOTH)).toEqual({
        ok: false,
        issues: [{ code: 'invalid_currency', path: ['currencyCode'], input: 'usd', params: { reason: 'conflicting', expected: 'EUR' } }],
      });
    });

    test('is refused where currencyCode is no currency, as any currency written is read', () => {
      expect(readPaymentRow(row({ ...cells, currencyCode: 'EURO' }), BOTH)).toEqual({ ok: false, issues: [expect.objectContaining({ code: 'invalid_currency', path: ['currencyCode'], input: 'EURO' })] });
    });

    test('an empty earnedCurrencyCode is missing, whatever currencyCode says', () => {
      const r = readPaymentRow(row({ ...cells, earnedCurrencyCode: '', currencyCode: 'EUR' }), BOTH);
      expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path[0]])).toEqual([['missing_field', 'earnedCurrencyCode']]);
    });
  });

  test('every problem of a row is reported, in column order', () => {
    const r = readPaymentRow(row({ participantId: 'P-1', earned: 'x', currencyCode: 'EUR', paymentDate: 'soon' }), ONE_COLUMN);
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.path[0]])).toEqual([
      ['missing_field', 'paymentId'],
      ['invalid_amount', 'earned'],
      ['invalid_date', 'paymentDate'],
    ]);
  });

  test('with a number locale, amounts are read in it', () => {
    const nl = numberLocale('nl-NL');
    if (!nl.ok) throw new Error('nl-NL is a known locale');
    const r = readPaymentRow(row({ ...GOOD, earned: '1.234,56' }), ONE_COLUMN, { locale: nl.value });
    expect(r.ok ? r.value.earned.toString() : r.issues).toBe('1234.56');
  });
});
