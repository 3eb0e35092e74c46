import { describe, expect, test } from 'vitest';
import { amountFormatCode, AMOUNT_FORMAT_NO_CURRENCY, columnFormatsOf, NUMBER_FORMATS, numberFormatOf, rowFormatsOf } from '../../core/number-formats.js';
import { BALANCES_COLUMNS, CLAIMS_COLUMNS, EARNINGS_COLUMNS, PAYMENTS_COLUMNS, PROGRAMS_COLUMNS, type ColumnSpec } from '../../core/workbook-layout.js';

describe('amountFormatCode', () => {
  test.each([
    ['EUR', '#,##0.00 "EUR"'],
    ['USD', '#,##0.00 "USD"'],
    ['JPY', '#,##0 "JPY"'],
    ['KWD', '#,##0.000 "KWD"'],
    ['CLF', '#,##0.0000 "CLF"'],
    // Read as core reads a row's currency.
    [' eur', '#,##0.00 "EUR"'],
    ['jpy', '#,##0 "JPY"'],
  ])('shows %s amounts as %s', (currency, format) => {
    expect(amountFormatCode(currency)).toBe(format);
  });

  test.each([[''], ['EU'], ['€'], ['EURO'], ['"; x'], [null], [undefined]])('a currency core does not read (%j) gets two places and no code', (currency) => {
    expect(amountFormatCode(currency)).toBe(AMOUNT_FORMAT_NO_CURRENCY);
  });
});

describe('the layouts name each amount’s currency', () => {
  test.each([
    ['Earnings', EARNINGS_COLUMNS],
    ['Claims', CLAIMS_COLUMNS],
    ['Payments', PAYMENTS_COLUMNS],
    ['Balances', BALANCES_COLUMNS],
  ] as const)('every amount column of %s names a text column of the same layout', (_, columns) => {
    const amounts = columns.filter((c) => c.kind === 'amount');
    expect(amounts.length).toBeGreaterThan(0);
    for (const c of amounts) expect(columns.find((d) => d.name === c.currencyColumn)?.kind, c.name).toBe('text');
  });

  test('the amounts Partner Center states in a currency of their own use that column', () => {
    const currencyOf = (columns: readonly ColumnSpec[], name: string) => columns.find((c) => c.name === name)?.currencyColumn;
    expect(currencyOf(EARNINGS_COLUMNS, 'earningAmount')).toBe('transactionCurrency');
    expect(currencyOf(EARNINGS_COLUMNS, 'earningAmountInLastPaymentCurrency')).toBe('lastPaymentCurrency');
    expect(currencyOf(PAYMENTS_COLUMNS, 'earned')).toBe('earnedCurrencyCode');
    expect(currencyOf(PAYMENTS_COLUMNS, 'totalPayment')).toBe('paymentCurrencyCode');
    expect(currencyOf(CLAIMS_COLUMNS, 'amountApproved')).toBe('currency');
  });
});

describe('numberFormatOf', () => {
  const row: Record<string, string> = { transactionCurrency: 'JPY', lastPaymentCurrency: 'KWD' };
  const formats = Object.fromEntries(EARNINGS_COLUMNS.map((c, i) => [c.name, rowFormatsOf(EARNINGS_COLUMNS, (name) => row[name])[i]]));

  test('an amount is in the currency its own column names, a USD column in USD, any other cell by its kind', () => {
    expect(formats.earningAmount).toBe('#,##0 "JPY"');
    expect(formats.earningAmountInLastPaymentCurrency).toBe('#,##0.000 "KWD"');
    expect(formats.earningAmountUSD).toBe('#,##0.00 "USD"');
    expect(formats.earningDate).toBe(NUMBER_FORMATS.date);
    expect(formats.earningId).toBe(NUMBER_FORMATS.text);
  });

  test('a column’s format does not depend on another column’s currency', () => {
    expect(numberFormatOf({ name: 'x', kind: 'amount', currencyColumn: 'a' }, (name) => (name === 'a' ? 'JPY' : 'KWD'))).toBe('#,##0 "JPY"');
    expect(numberFormatOf({ name: 'x', kind: 'amount' }, () => 'JPY')).toBe(AMOUNT_FORMAT_NO_CURRENCY);
  });

  test('before any row is known, amounts have no code and USD columns are USD', () => {
    const programs = columnFormatsOf(PROGRAMS_COLUMNS);
    expect(programs[PROGRAMS_COLUMNS.findIndex((c) => c.name === 'thresholdUSD')]).toBe('#,##0.00 "USD"');
    expect(programs[PROGRAMS_COLUMNS.findIndex((c) => c.name === 'coopShare')]).toBe(NUMBER_FORMATS.share);
    expect(columnFormatsOf(CLAIMS_COLUMNS)[CLAIMS_COLUMNS.findIndex((c) => c.name === 'amountClaimed')]).toBe(AMOUNT_FORMAT_NO_CURRENCY);
  });
});
