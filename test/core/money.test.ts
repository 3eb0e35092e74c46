import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Dec, sum } from '../../core/money/decimal.js';
import { parseAmount, numberLocale, type NumberLocale } from '../../core/money/parse-amount.js';
import { formatAmount, outputAmount, roundToMinor, minorUnit } from '../../core/money/round.js';
import { minorUnits, parseCurrency } from '../../core/money/currency.js';
import { allocate } from '../../core/money/allocate.js';

function locale(tag: string): NumberLocale {
  const r = numberLocale(tag);
  if (!r.ok) throw new Error(tag);
  return r.value;
}

function amountOf(text: string, tag?: string): string | null {
  const r = parseAmount(text, tag ? { locale: locale(tag) } : {});
  return r.ok ? r.value.toString() : null;
}

describe('parsing amounts', () => {
  test.each([
    ['1234.56', '1234.56'],
    ['1,234.56', '1234.56'],
    ['1,234,567.5', '1234567.5'],
    ['-12.5', '-12.5'],
    ['(12.50)', '-12.5'],
    ['( 12.50 )', '-12.5'],
    ['+7', '7'],
    ['0.1', '0.1'],
    ['.5', '0.5'],
    ['  42  ', '42'],
    ['123456789012.345', '123456789012.345'],
    ['0.000000123456789012345', '0.000000123456789012345'],
    ['1500.000000000000000000', '1500'],
  ])('invariant %j is %s exactly', (text, expected) => {
    expect(amountOf(text)).toBe(expected);
  });

  test.each([
    ['1.234,56', 'nl-NL', '1234.56'],
    ['-1.234,56', 'de-DE', '-1234.56'],
    ['(1.234,56)', 'nl-NL', '-1234.56'],
    ['12,50', 'nl-NL', '12.5'],
    ['1 234,56', 'fr-FR', '1234.56'],
    ['1\u202f234,56', 'fr-FR', '1234.56'],
    ['1\u00a0234,56', 'sv-SE', '1234.56'],
    ['1234.56', 'nl-NL', '1234.56'],
    ['1,234.56', 'en-US', '1234.56'],
  ])('%j under %s is %s', (text, tag, expected) => {
    expect(amountOf(text, tag)).toBe(expected);
  });

  test.each([
    ['1.234,56', undefined, 'malformed_or_locale_formatted'],
    ['12,5', undefined, 'malformed_or_locale_formatted'],
    ['1,234', 'nl-NL', 'ambiguous'],
    ['1.234', 'de-DE', 'ambiguous'],
    ['12abc', undefined, 'malformed_or_locale_formatted'],
    ['EUR 12', undefined, 'malformed_or_locale_formatted'],
    ['1e5', undefined, 'malformed_or_locale_formatted'],
    ['', undefined, 'empty'],
    ['-', undefined, 'empty'],
    ['1,23,456.00', undefined, 'malformed_or_locale_formatted'],
    ['1.234 567,00', 'fr-FR', 'malformed'],
    ['--5', undefined, 'malformed_or_locale_formatted'],
    ['NaN', undefined, 'malformed_or_locale_formatted'],
    ['Infinity', undefined, 'malformed_or_locale_formatted'],
    // More significant digits than a workbook cell holds: the add-in would count another amount.
    ['0.10000000000000000001', undefined, 'too_precise'],
    ['1499.9999999999999', undefined, 'too_precise'],
    ['1.499,9999999999999', 'nl-NL', 'too_precise'],
    ['1234567890123456', undefined, 'too_precise'],
  ])('%j (locale %s) is invalid_amount: %s, never a guess', (text, tag, reason) => {
    const r = parseAmount(text, tag ? { locale: locale(tag) } : {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.code).toBe('invalid_amount');
      expect(r.issues[0]!.input).toBe(text);
      expect(r.issues[0]!.params?.reason).toBe(reason);
    }
  });

  test('a formatted amount parses back to the same value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 4 }), (units, places) => {
        const value = new Dec(units.toString()).div(new Dec(10).pow(places));
        const text = value.toFixed(places);
        expect(amountOf(text)).toBe(value.toString());
      }),
    );
  });

  test('arbitrary text yields a value or an invalid_amount issue, never a throw', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseAmount(text, { locale: locale('nl-NL') });
        if (!r.ok) expect(r.issues.every((i) => i.code === 'invalid_amount')).toBe(true);
      }),
    );
  });

  test.each(['xx-YY', 'klingon', 'nl_NL', 'zz'])('%j is an unknown number locale, never the default one in disguise', (tag) => {
    const r = numberLocale(tag);
    expect(!r.ok && r.issues.map((i) => [i.code, i.params?.reason])).toEqual([['invalid_amount', 'unknown_locale']]);
  });

  test.each([
    ['nl-NL', ','],
    ['de-CH', '.'],
    ['sv', ','],
  ])('%s is a known number locale with decimal mark %j', (tag, decimal) => {
    expect(locale(tag).decimal).toBe(decimal);
  });
});

describe('currencies and rounding', () => {
  test.each([
    ['EUR', 2], ['USD', 2], ['JPY', 0], ['KWD', 3], ['BHD', 3], ['SEK', 2],
  ])('%s has %i minor digits', (code, digits) => {
    expect(minorUnits(code)).toBe(digits);
  });

  test.each(['eu', 'EURO', '€', '12A', ''])('%j is an invalid_currency', (code) => {
    const r = parseCurrency(code);
    expect(!r.ok && r.issues[0]!.code).toBe('invalid_currency');
  });

  test.each([
    ['0.005', 'EUR', '0.01'],
    ['-0.005', 'EUR', '-0.01'],
    ['0.0049', 'EUR', '0.00'],
    ['-0.004', 'USD', '0.00'],
    ['2.5', 'JPY', '3'],
    ['-2.5', 'JPY', '-3'],
    ['1234.5', 'JPY', '1235'],
    ['1.0005', 'KWD', '1.001'],
    ['12', 'KWD', '12.000'],
    ['1234.5', 'EUR', '1234.50'],
  ])('%s %s is shown as %s (half-up, like Excel ROUND)', (amount, currency, shown) => {
    expect(formatAmount(new Dec(amount), currency)).toBe(shown);
    // The value every output writes: the same figure, a zero of either sign plain 0.
    const value = outputAmount(new Dec(amount), currency);
    expect(value.eq(new Dec(shown))).toBe(true);
    expect(Object.is(value.toNumber(), -0)).toBe(false);
  });

  test('rounding keeps exact decimals, never binary floats', () => {
    expect(roundToMinor(new Dec('1.005'), 'EUR').toString()).toBe('1.01'); // 1.005 as a float rounds to 1.00
    expect(minorUnit('KWD').toString()).toBe('0.001');
  });
});

describe('allocation', () => {
  test('three equal parts of 100.00 give 33.34, 33.33, 33.33', () => {
    const parts = allocate(new Dec('100'), [new Dec(1), new Dec(1), new Dec(1)], new Dec('0.01'));
    expect(parts.map((p) => p.toFixed(2))).toEqual(['33.34', '33.33', '33.33']);
  });

  test('a negative amount is allocated with the same rule', () => {
    const parts = allocate(new Dec('-0.05'), [new Dec(3), new Dec(2)], new Dec('0.01'));
    expect(parts.map((p) => p.toString())).toEqual(['-0.03', '-0.02']);
  });

  test('misuse throws: ratios that sum to zero, an amount finer than the unit', () => {
    expect(() => allocate(new Dec(1), [new Dec(0)], new Dec('0.01'))).toThrow(RangeError);
    expect(() => allocate(new Dec('0.001'), [new Dec(1)], new Dec('0.01'))).toThrow(RangeError);
  });

  test('parts add up to the whole exactly and each is within one unit of its exact share', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 8 }).filter((a) => a.some((x) => x > 0)), fc.constantFrom('0.01', '1', '0.001'), (units, ratios, unitText) => {
        const unit = new Dec(unitText);
        const amount = new Dec(units.toString()).times(unit);
        const rs = ratios.map((r) => new Dec(r));
        const parts = allocate(amount, rs, unit);
        expect(sum(parts).eq(amount)).toBe(true);
        const total = sum(rs);
        parts.forEach((p, i) => {
          const exact = amount.times(rs[i]!).div(total);
          expect(p.minus(exact).abs().lt(unit)).toBe(true);
        });
      }),
    );
  });
});
