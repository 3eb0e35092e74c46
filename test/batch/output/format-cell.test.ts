import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { ColumnKind } from '../../../core/workbook-layout.js';
import { Dec, ROUND_HALF_UP } from '../../../core/money/decimal.js';
import { minorUnits } from '../../../core/money/currency.js';
import { resolveCell } from '../../../batch/output/resolve-cell.js';
import { formatCell } from '../../../batch/output/format-cell.js';
import type { CellValue } from '../../../batch/output/cell-value.js';

const col = (kind: ColumnKind) => ({ name: 'c', kind });

describe('formatCell', () => {
  test.each<[string, string, string]>([
    ['0.005', 'EUR', '0.01'],
    ['-0.005', 'EUR', '-0.01'],
    ['0.004', 'EUR', '0.00'],
    ['-0.004', 'EUR', '0.00'],
    ['1234.5', 'EUR', '1234.50'],
    ['1234567.891', 'USD', '1234567.89'],
    ['2.5', 'JPY', '3'],
    ['-2.5', 'JPY', '-3'],
    ['1234', 'JPY', '1234'],
    ['1.2345', 'KWD', '1.235'],
    ['-12.5', 'KWD', '-12.500'],
    ['10', 'CLF', '10.0000'],
  ])('rounds amount %s %s half-up to its minor unit: %s', (amount, currency, expected) => {
    expect(formatCell(col('amount'), new Dec(amount), currency)).toBe(expected);
  });

  test.each<[string, string]>([
    ['0.005', '0.01'],
    ['12.344999', '12.34'],
    ['-1000000', '-1000000.00'],
  ])('writes amountUSD %s with 2 decimals whatever the row currency: %s', (amount, expected) => {
    expect(formatCell(col('amountUSD'), new Dec(amount), 'JPY')).toBe(expected);
  });

  test.each<[ColumnKind, CellValue, string]>([
    ['amount', '-12.50', '-12.50'],
    ['amount', '=HYPERLINK("x")', '\'=HYPERLINK("x")'],
    ['text', '-12.50', "'-12.50"],
    ['text', '=1+1', "'=1+1"],
    ['text', 'Contoso', 'Contoso'],
    ['text', null, ''],
    ['boolean', true, 'true'],
    ['boolean', false, 'false'],
    ['boolean', null, ''],
    ['boolean', 'true', 'true'],
    ['date', '2021-02-16', '2021-02-16'],
    ['date', '=NOW()', "'=NOW()"],
    ['integer', 42, '42'],
    ['integer', -3, '-3'],
    ['integer', '-3', '-3'],
    ['share', new Dec('0.40'), '0.4'],
    ['share', new Dec('0.375'), '0.375'],
  ])('writes a %s cell holding %j as %j', (kind, value, expected) => {
    expect(formatCell(col(kind), value, 'EUR')).toBe(expected);
  });

  test('keeps a negative amount column value a number, never neutralised', () => {
    expect(formatCell(col('amount'), new Dec('-12.5'), 'EUR')).toBe('-12.50');
  });

  test.each<[ColumnKind, CellValue]>([
    ['amount', 12.5],
    ['integer', 1.5],
    ['date', 44197],
  ])('refuses a %s column holding the JS value %j', (kind, value) => {
    expect(() => formatCell(col(kind), value, 'EUR')).toThrow(TypeError);
  });

  test('refuses to round an amount without knowing its currency', () => {
    expect(() => formatCell(col('amount'), new Dec('1.005'), null)).toThrow(TypeError);
  });
});

describe('resolveCell amounts', () => {
  // Amounts with few decimals skip the rounding call; the result must be what rounding gives.
  const decimalText = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 6 }))
    .map(([negative, digits, scale]) => {
      const text = digits.toString().padStart(scale + 1, '0');
      return `${negative ? '-' : ''}${scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`}`;
    });

  test('holds every amount to its half-up rounding at the currency minor unit, zero as plain 0', () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'), (text, currency) => {
        const value = new Dec(text);
        const cell = resolveCell(col('amount'), value, currency);
        const expected = value.toDecimalPlaces(minorUnits(currency), ROUND_HALF_UP);
        expect(cell.type).toBe('amount');
        if (cell.type !== 'amount') return;
        expect(cell.value.eq(expected)).toBe(true);
        expect(cell.value.isNegative() && cell.value.isZero()).toBe(false);
        expect(formatCell(col('amount'), value, currency)).toBe(expected.isZero() ? new Dec(0).toFixed(cell.places) : expected.toFixed(cell.places));
      }),
    );
  });
});
