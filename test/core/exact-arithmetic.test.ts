import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { Dec } from '../../core/money/decimal.js';
import { parseAmount } from '../../core/money/parse-amount.js';
import { ExactSum, parsePlainAmount, scaledFromDec, scaledToDec } from '../../core/money/scaled-amount.js';
import { checkSplit, splitWithinTolerance } from '../../core/split.js';
import { addDays, addMonths, dateFromParts, daysBetween, type IsoDate } from '../../core/calendar/calendar-date.js';
import { createPoolLedger, addCoopEarning, addCoopEarnings } from '../../core/pools/pool-ledger.js';
import { half } from '../../core/calendar/fiscal-half.js';

/** Amounts as exports write them: up to 15 digits, up to 4 decimals, either sign. */
const amountText = fc
  .tuple(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), fc.integer({ min: 0, max: 4 }))
  .map(([units, scale]) => scaledToDec({ units, scale }).toFixed(scale));

describe('exact scaled amounts', () => {
  test.each([
    ['12.50', 1250, 2],
    ['-0.5', -5, 1],
    ['0', 0, 0],
    ['-0', 0, 0],
    ['007', 7, 0],
  ])('%s reads plainly as %s units at scale %s', (text, units, scale) => {
    expect(parsePlainAmount(text)).toEqual({ units, scale });
  });

  test.each(['', '-', '.5', '5.', '1,234.56', '(12.50)', '+1', '1e5', '1234567890123456', ' 1'])('%j is left to parseAmount', (text) => {
    expect(parsePlainAmount(text)).toBeNull();
  });

  test('the plain reading has the value parseAmount gives', () => {
    fc.assert(
      fc.property(amountText, (text) => {
        const fast = parsePlainAmount(text);
        const slow = parseAmount(text);
        expect(slow.ok).toBe(true);
        if (fast && slow.ok) expect(scaledToDec(fast).eq(slow.value)).toBe(true);
        if (slow.ok) expect(scaledToDec(scaledFromDec(slow.value)).eq(slow.value)).toBe(true);
      }),
    );
  });

  test('an ExactSum equals the Decimal sum, whatever the scales and signs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(amountText, fc.boolean()), { maxLength: 60 }), (items) => {
        const sum = new ExactSum();
        let expected = new Dec(0);
        for (const [text, negate] of items) {
          const d = new Dec(text);
          sum.add(parsePlainAmount(text) ?? scaledFromDec(d), negate);
          expected = negate ? expected.minus(d) : expected.plus(d);
        }
        expect(sum.toDec().eq(expected)).toBe(true);
      }),
    );
  });

  test('sums past 2^53 units stay exact (bigint)', () => {
    const sum = new ExactSum();
    for (let i = 0; i < 1000; i++) sum.add({ units: 999_999_999_999_999, scale: 2 });
    sum.add({ units: 1, scale: 5 });
    expect(sum.toDec().toFixed()).toBe(new Dec('9999999999999.99').times(1000).plus('0.00001').toFixed());
  });
});

describe('the integer split check', () => {
  test('decides exactly as checkSplit', () => {
    fc.assert(
      fc.property(amountText, amountText, fc.integer({ min: 0, max: 10000 }), fc.constantFrom('EUR', 'JPY', 'KWD', 'USD'), (rebate, coop, bp, currency) => {
        const share = new Dec(bp).div(10000);
        const expected = checkSplit({ rebate: new Dec(rebate), coop: new Dec(coop) }, share, currency).ok;
        expect(splitWithinTolerance(scaledFromDec(new Dec(rebate)), scaledFromDec(new Dec(coop)), scaledFromDec(share), currency)).toBe(expected);
      }),
    );
  });

  test('near the boundary too: the expected split, off by up to two units', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 10n), max: 10n ** 10n }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: -2, max: 2 }), fc.constantFrom('EUR', 'JPY', 'KWD'), (units, percent, off, currency) => {
        const total = new Dec(units.toString()).div(100);
        const share = new Dec(percent).div(100);
        const coop = total.times(share).toDecimalPlaces(2).plus(new Dec(off).div(100));
        const rebate = total.minus(coop);
        const expected = checkSplit({ rebate, coop }, share, currency).ok;
        expect(splitWithinTolerance(scaledFromDec(rebate), scaledFromDec(coop), scaledFromDec(share), currency)).toBe(expected);
      }),
    );
  });
});

describe('integer day arithmetic', () => {
  const day = fc.integer({ min: daysFromEpoch('1900-01-01'), max: daysFromEpoch('2199-12-31') }).map((n) => DateTime.fromMillis(n * 86_400_000, { zone: 'utc' }).toISODate() as IsoDate);
  function daysFromEpoch(d: string): number {
    return DateTime.fromISO(d, { zone: 'utc' }).toMillis() / 86_400_000;
  }
  const luxon = (d: IsoDate) => DateTime.fromISO(d, { zone: 'utc' });

  test('addDays agrees with luxon', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -40000, max: 40000 }), (d, n) => {
        expect(addDays(d, n)).toBe(luxon(d).plus({ days: n }).toISODate());
      }),
    );
  });
  test('addMonths agrees with luxon (end of month clamps)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (d, n) => {
        expect(addMonths(d, n)).toBe(luxon(d).plus({ months: n }).toISODate());
      }),
    );
  });
  test('daysBetween agrees with luxon', () => {
    fc.assert(
      fc.property(day, day, (a, b) => {
        expect(daysBetween(a, b)).toBe(Math.round(luxon(b).diff(luxon(a), 'days').days));
      }),
    );
  });
  test('dateFromParts agrees with luxon', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const l = DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'utc' });
        expect(dateFromParts(y, m, d)).toBe(l.isValid ? l.toISODate() : null);
      }),
    );
  });
});

describe('bulk co-op sums', () => {
  test('adding pool totals at once equals adding the rows one by one', () => {
    const rows = [
      { amount: '10.50', usd: '12.00', currency: 'EUR' },
      { amount: '-2.25', usd: null, currency: 'EUR' },
      { amount: '7', usd: '8.10', currency: 'EUR' },
    ];
    const one = createPoolLedger();
    for (const r of rows) {
      addCoopEarning(one, { participantId: 'P', programName: 'X', earningDate: '2021-03-01' as IsoDate, currency: r.currency, amount: new Dec(r.amount), amountUSD: r.usd === null ? null : new Dec(r.usd) });
    }
    const bulk = createPoolLedger();
    addCoopEarnings(bulk, { participantId: 'P', programName: 'X', earningPeriod: half('FY21 H2'), currency: 'EUR', amount: new Dec('15.25'), amountUSD: new Dec('20.10'), rows: 3, rowsWithoutUSD: 1 });
    expect(JSON.stringify([...bulk.pools])).toBe(JSON.stringify([...one.pools]));
    expect(JSON.stringify([...bulk.groups])).toBe(JSON.stringify([...one.groups]));
  });
});
