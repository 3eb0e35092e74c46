import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { Dec } from '../../core/money/decimal.js';
import { splitEarning, checkSplit, isShare, splitCurrency, SPLIT_CURRENCY_UNNAMED } from '../../core/split.js';

describe('splitting an earning into rebate and co-op', () => {
  test.each([
    ['1000.00', '0.40', 'EUR', '600.00', '400.00'],
    ['0.05', '0.40', 'USD', '0.03', '0.02'],
    ['0.01', '0.40', 'USD', '0.01', '0.00'],
    ['-125.00', '0.40', 'EUR', '-75.00', '-50.00'],
    ['333', '0.40', 'JPY', '200', '133'],
    ['10.001', '0.40', 'KWD', '6.001', '4.000'],
    ['100.005', '0.40', 'USD', '60.003', '40.002'],
  ])('%s at share %s in %s is rebate %s + co-op %s', (amount, share, currency, rebate, coop) => {
    const s = splitEarning(new Dec(amount), new Dec(share), currency);
    expect([s.rebate.toString(), s.coop.toString()]).toEqual([new Dec(rebate).toString(), new Dec(coop).toString()]);
  });

  test('a share outside 0..1 is misuse and throws', () => {
    expect(() => splitEarning(new Dec(1), new Dec('1.5'), 'EUR')).toThrow(RangeError);
  });

  test('rebate + co-op equals the amount exactly and co-op is within half a unit of its share', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.integer({ min: 0, max: 10000 }), fc.constantFrom('EUR', 'JPY', 'KWD'), (cents, bp, currency) => {
        const amount = new Dec(cents.toString()).div(100);
        const share = new Dec(bp).div(10000);
        const { rebate, coop } = splitEarning(amount, share, currency);
        expect(rebate.plus(coop).eq(amount)).toBe(true);
        const unit = new Dec(10).pow(-Math.max(amount.decimalPlaces(), currency === 'JPY' ? 0 : currency === 'KWD' ? 3 : 2));
        expect(coop.minus(amount.times(share)).abs().lte(unit.div(2))).toBe(true);
      }),
    );
  });
});

describe('checking an observed split against the configured share', () => {
  test('600.00 rebate and 400.00 co-op match 40 %', () => {
    const c = checkSplit({ rebate: new Dec('600.00'), coop: new Dec('400.00') }, new Dec('0.40'), 'EUR');
    expect(c.ok).toBe(true);
    expect(c.difference.toString()).toBe('0');
  });

  test('a one-cent rounding difference is within the default tolerance', () => {
    const c = checkSplit({ rebate: new Dec('0.02'), coop: new Dec('0.03') }, new Dec('0.40'), 'USD');
    expect(c.ok).toBe(true);
  });

  test('650 / 350 does not match 40 % and says what was expected', () => {
    const c = checkSplit({ rebate: new Dec('650'), coop: new Dec('350') }, new Dec('0.40'), 'EUR');
    expect(c.ok).toBe(false);
    expect(c.expected.coop.toString()).toBe('400');
    expect(c.expected.rebate.toString()).toBe('600');
    expect(c.difference.toString()).toBe('-50');
  });

  test('the tolerance is a parameter', () => {
    const c = checkSplit({ rebate: new Dec('601'), coop: new Dec('399') }, new Dec('0.40'), 'EUR', new Dec('1'));
    expect(c.ok).toBe(true);
  });
});

describe('what a co-op share may be', () => {
  test.each([
    ['0', true],
    ['0.4', true],
    ['1', true],
    ['1.0001', false],
    ['-0.0001', false],
  ])('%s is a share: %s', (value, expected) => {
    expect(isShare(new Dec(value))).toBe(expected);
  });
});

describe('the currency a split rounds in', () => {
  test('is the one named, else USD; a name that is no currency code is an issue, never USD', () => {
    expect(splitCurrency(null)).toEqual({ ok: true, value: SPLIT_CURRENCY_UNNAMED });
    expect(splitCurrency(' ')).toEqual({ ok: true, value: 'USD' });
    expect(splitCurrency(' jpy ')).toEqual({ ok: true, value: 'JPY' });
    const refused = splitCurrency('euro');
    expect(refused.ok).toBe(false);
  });
});
