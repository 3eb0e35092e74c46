import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Dec } from '../../core/money/decimal.js';
import { parsePlainAmount, scaledFromDec } from '../../core/money/scaled-amount.js';
import { amountToCell, booleanFromCell, cellAsText, decimalTextToCell, decimalToCell, scaledToCell, textFromCell, textToCell } from '../../addin/excel/cell-values.js';
import { cellValueText } from '../../core/tables/cell-value-text.js';
import type { ColumnKind } from '../../core/workbook-layout.js';
import type { DateSystem } from '../../core/calendar/calendar-date.js';
import { parsePolicyFile } from '../../core/policy/parse-policy-file.js';

/** Amounts as exports write them: a sign, up to 15 digits, up to 6 decimals. */
const plainAmount = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 999_999_999_999_999n }), fc.integer({ min: 0, max: 6 }))
  .map(([negative, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  });

describe('amounts written to cells', () => {
  test('an exact scaled amount becomes the same cell number as the Decimal it reads as', () => {
    fc.assert(
      fc.property(plainAmount, (text) => {
        const scaled = parsePlainAmount(text);
        if (scaled === null) return;
        expect(scaledToCell(scaled)).toBe(decimalTextToCell(text) === 0 ? 0 : decimalTextToCell(text));
      }),
      { numRuns: 5000 },
    );
  });

  test('an amount that rounds to nothing is written 0, never a negative zero, as the batch job writes it', () => {
    expect(Object.is(amountToCell(new Dec('-0.004'), 'USD'), 0)).toBe(true);
    expect(amountToCell(new Dec('-0.005'), 'USD')).toBe(-0.01);
    expect(Object.is(decimalToCell(new Dec('-0')), 0)).toBe(true);
  });

  test('an amount too large for a safe integer still becomes its nearest number', () => {
    const value = new Dec('123456789012345678901.25');
    expect(scaledToCell(scaledFromDec(value))).toBe(value.toNumber());
  });
});

describe('text written to cells', () => {
  test.each([
    ['Contoso', 'Contoso'],
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1', `'+1`],
    ['-2', `'-2`],
    ['@x', `'@x`],
    ['00123', `'00123`],
    [' 12 ', `' 12 `],
    ["'quoted", `''quoted`],
    ['~tilde', '~tilde'],
    ['Ünïcode', 'Ünïcode'],
  ])('%s is written as %s', (text, cell) => {
    expect(textToCell(text)).toBe(cell);
  });
});

describe('booleans written to cells', () => {
  test.each(['yes', 'Y', 'no', 'n', 'TRUE', 'false', '1', '0', 'waar', 'ONWAAR', 'ja', 'nee', 'wahr', 'nein', 'vrai', 'faux', 'sant', 'falskt', 'nej', 'maybe', 'oui', ''])(
    'the pane writes %j as a boolean exactly when core reads it as one, with the same value',
    (text) => {
      const core = parsePolicyFile({ programs: [{ name: 'A', coopClaims: text }] });
      expect(booleanFromCell(text)).toBe(core.ok ? core.value[0]!.coopClaims : null);
    },
  );

  test('an Excel boolean stays what it is', () => {
    expect([booleanFromCell(true), booleanFromCell(false)]).toEqual([true, false]);
  });
});

describe('cells read as text', () => {
  /** What Office.js gives in `Range.values`: numbers (serials, amounts, anything), text, booleans; and a missing cell. */
  const cell = fc.oneof(
    fc.double(),
    fc.integer({ min: -10, max: 3_000_000 }),
    fc.tuple(fc.integer({ min: 1, max: 2_958_465 }), fc.integer({ min: 0, max: 86_399 })).map(([day, second]) => day + second / 86_400),
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
  );

  test("cellAsText, with its cache and fast paths, is core's rule for workbook cells, in either date system", () => {
    const kinds = fc.constantFrom<ColumnKind | undefined>('text', 'amount', 'amountUSD', 'date', 'integer', 'boolean', 'share', undefined);
    fc.assert(
      fc.property(cell, kinds, fc.constantFrom<DateSystem>('1900', '1904'), (value, kind, system) => {
        // Twice: the second reading of a serial comes from the cache, which is never the other system's.
        expect([cellAsText(value, kind, system), cellAsText(value, kind, system)]).toEqual([cellValueText(value, kind, system), cellValueText(value, kind, system)]);
      }),
      { numRuns: 10_000 },
    );
  });

  test("textFromCell (the ledger's ids and names) is core's rule for a text column: 1e21 is the id's full digits", () => {
    fc.assert(
      fc.property(cell, (value) => {
        expect(textFromCell(value)).toBe(cellValueText(value, 'text'));
      }),
      { numRuns: 5_000 },
    );
    expect(textFromCell(1e21)).toBe('1000000000000000000000');
  });
});
