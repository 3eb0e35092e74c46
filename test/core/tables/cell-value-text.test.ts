import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cellValueText, numberCellText, type PlainCellValue } from '../../../core/tables/cell-value-text.js';
import { fromExcelSerial, isoDate, toExcelSerial } from '../../../core/calendar/calendar-date.js';
import type { ColumnKind } from '../../../core/workbook-layout.js';
import { Dec } from '../../../core/money/decimal.js';

describe('a workbook cell as the text a row parser reads', () => {
  test.each<[string, PlainCellValue | undefined, ColumnKind | undefined, string]>([
    ['a serial in a date column is its date', 44562, 'date', '2022-01-01'],
    ['the time of day of a serial is dropped', 44562.99, 'date', '2022-01-01'],
    ['Excel\'s last date', 2_958_465, 'date', '9999-12-31'],
    ['a number after Excel\'s last date stays its digits', 2_958_466, 'date', '2958466'],
    ['0 is no date and stays its digits', 0, 'date', '0'],
    ['a negative number is no date and stays its digits', -3.5, 'date', '-3.5'],
    ['a date typed as text is left for the parser', '1/2/2022', 'date', '1/2/2022'],
    ['a serial in an amount column is a number', 44562, 'amount', '44562'],
    ['a serial in a text column is a number', 44562, 'text', '44562'],
    ['a serial in a column the layout does not know is a number', 44562, undefined, '44562'],
    ['an amount is its value to 15 significant digits, as Excel shows it', 0.1 + 0.2, 'amount', '0.3'],
    ['a third is 15 threes', 1 / 3, 'amount', '0.333333333333333'],
    ['a 16-digit double rounds to 15', 1234.5678901234567, 'amount', '1234.56789012346'],
    ['a tiny amount is written in full', 1e-7, 'amount', '0.0000001'],
    ['a huge amount is written in full', 1e21, 'amountUSD', '1000000000000000000000'],
    ['negative zero is 0', -0, 'share', '0'],
    ['true', true, 'boolean', 'true'],
    ['false', false, 'text', 'false'],
    ['an empty cell', null, 'date', ''],
    ['a missing cell', undefined, 'amount', ''],
    ['text is itself, spaces and all', ' C-1 ', 'text', ' C-1 '],
  ])('%s', (_what, value, kind, text) => {
    expect(cellValueText(value, kind, '1900')).toBe(text);
  });

  test.each<[string, PlainCellValue, ColumnKind, string]>([
    ['a serial in a 1904 workbook is 1,462 days later', 44562, 'date', '2026-01-02'],
    ['0 is 1904-01-01', 0, 'date', '1904-01-01'],
    ['the time of day is dropped', 0.75, 'date', '1904-01-01'],
    ['the last date', 2_957_003, 'date', '9999-12-31'],
    ['a number after it stays its digits', 2_957_004, 'date', '2957004'],
    ['a negative number stays its digits', -0.5, 'date', '-0.5'],
    ['a serial in an amount column is a number', 42735, 'amount', '42735'],
  ])('in the 1904 date system: %s', (_what, value, kind, text) => {
    expect(cellValueText(value, kind, '1904')).toBe(text);
  });

  test('a serial in a date column reads as the date that writes back as its whole days, whatever its time of day', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2_958_465 }), fc.integer({ min: 0, max: 86_399 }), (day, second) => {
        expect(toExcelSerial(isoDate(cellValueText(day + second / 86_400, 'date', '1900')), '1900')).toBe(day);
      }),
    );
  });
});

describe('the fast path holds to the rule', () => {
  test('numberCellText is the rule for a number outside a date column', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(numberCellText(value)).toBe(cellValueText(value, 'amount'));
      }),
      { numRuns: 5000 },
    );
  });

  test('an amount of at most 15 significant digits, written into a cell, is read back as written', () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,14}$/);
    fc.assert(
      fc.property(digits, fc.integer({ min: -20, max: 20 }), fc.boolean(), (units, exponent, negative) => {
        const written = new Dec(`${negative ? '-' : ''}${units}e${exponent}`);
        const cell = written.toNumber();
        expect(cellValueText(cell, 'amount')).toBe(written.toFixed());
        expect(numberCellText(cell)).toBe(written.toFixed());
      }),
      { numRuns: 5000 },
    );
  });

  test('numberCellText of an amount in cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }).map((units) => units / 100), (value) => {
        expect(numberCellText(value)).toBe(cellValueText(value, 'amount'));
      }),
    );
  });

  test('fromExcelSerial refuses what Excel shows as no date', () => {
    expect([0.5, 2_958_466, Number.NaN, Infinity].map((serial) => fromExcelSerial(serial, '1900'))).toEqual([null, null, null, null]);
  });
});

describe('a column that may hold dates', () => {
  test('is read in a date system the caller names: the compiler refuses a call without one', () => {
    // @ts-expect-error a date column needs the workbook's date system
    expect(() => cellValueText(44_197, 'date')).not.toThrow();
    const kind = 'date' as ColumnKind;
    // @ts-expect-error so does a column whose kind may be date
    expect(() => cellValueText(44_197, kind)).not.toThrow();
    expect(cellValueText(44_197, 'date', '1904')).toBe('2025-01-02');
  });
});
