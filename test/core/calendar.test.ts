import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { isoDate, parseDate, addDays, addMonths, dateParts, daysBetween, type IsoDate } from '../../core/calendar/calendar-date.js';
import { fiscalHalfOf, formatHalf, parseHalf, half, halfInterval, nextHalf, compareHalves } from '../../core/calendar/fiscal-half.js';
import { computeWindows, windowsOf } from '../../core/calendar/windows.js';
import { contains, lastDay, formatInterval } from '../../core/calendar/date-interval.js';
import { withSettings } from '../../core/settings.js';

describe('fiscal halves', () => {
  test.each([
    ['2020-07-01', 'FY21 H1'],
    ['2020-12-31', 'FY21 H1'],
    ['2021-01-01', 'FY21 H2'],
    ['2021-06-30', 'FY21 H2'],
    ['2021-07-01', 'FY22 H1'],
    ['2000-01-15', 'FY00 H2'],
  ])('%s lies in %s', (date, label) => {
    expect(formatHalf(fiscalHalfOf(isoDate(date)))).toBe(label);
  });

  test('July–December 2020 is FY21 H1, not FY20 H1 as the French seed says', () => {
    expect(formatHalf(fiscalHalfOf(isoDate('2020-09-15')))).toBe('FY21 H1');
    expect(halfInterval(half('FY20 H1')).start).toBe('2019-07-01');
  });

  test.each(['FY21 H1', 'FY21H1', 'FY2021 H1', 'fy21-h1', ' fy2021_h1 ', 'Fy21 h1'])('%s reads as FY21 H1', (label) => {
    const r = parseHalf(label);
    expect(r.ok && formatHalf(r.value)).toBe('FY21 H1');
  });

  test.each(['FY21 H3', 'FY21', '2021 H1', 'FY1 H1', 'H1 FY21', '', 'FY21 H1x'])('%s is an invalid_period_label issue, not a throw', (label) => {
    const r = parseHalf(label);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['invalid_period_label']);
  });

  test('a January fiscal year makes the fiscal year equal to the calendar year', () => {
    const s = withSettings({ fiscalYearStartMonth: 1 });
    expect(formatHalf(fiscalHalfOf(isoDate('2021-03-01'), s))).toBe('FY21 H1');
    expect(formatHalf(fiscalHalfOf(isoDate('2021-08-01'), s))).toBe('FY21 H2');
    expect(halfInterval(half('FY21 H2'), s)).toEqual({ start: '2021-07-01', end: '2022-01-01' });
  });

  test('an October fiscal year (another vendor) starts H2 in April', () => {
    const s = withSettings({ fiscalYearStartMonth: 10 });
    expect(formatHalf(fiscalHalfOf(isoDate('2021-10-01'), s))).toBe('FY22 H1');
    expect(formatHalf(fiscalHalfOf(isoDate('2022-04-01'), s))).toBe('FY22 H2');
    expect(formatHalf(fiscalHalfOf(isoDate('2022-03-31'), s))).toBe('FY22 H1');
  });

  const anyDate = fc
    .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2098-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => isoDate(d.toISOString().slice(0, 10)));

  test('every date lies in exactly one fiscal half', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 12 }), (date, startMonth) => {
        const s = withSettings({ fiscalYearStartMonth: startMonth });
        const h = fiscalHalfOf(date, s);
        expect(contains(halfInterval(h, s), date)).toBe(true);
        expect(contains(halfInterval(nextHalf(h), s), date)).toBe(false);
        expect(compareHalves(h, fiscalHalfOf(halfInterval(h, s).start, s))).toBe(0);
      }),
    );
  });
});

describe('windows of an earning period', () => {
  // The seeds' table (docs/RULES.md, Calendar), inclusive dates as printed.
  test.each([
    ['FY21 H1', '2020-07-01', '2020-12-31', '2021-01-01', '2021-06-30', '2021-02-16', '2021-08-15'],
    ['FY21 H2', '2021-01-01', '2021-06-30', '2021-07-01', '2021-12-31', '2021-08-16', '2022-02-15'],
    ['FY22 H1', '2021-07-01', '2021-12-31', '2022-01-01', '2022-06-30', '2022-02-16', '2022-08-15'],
    ['FY22 H2', '2022-01-01', '2022-06-30', '2022-07-01', '2022-12-31', '2022-08-16', '2023-02-15'],
  ])('%s earns %s–%s, is used %s–%s and claimed %s–%s', (label, es, ee, us, ue, cs, ce) => {
    const w = windowsOf(half(label));
    expect([w.earning.start, lastDay(w.earning)]).toEqual([es, ee]);
    expect([w.usage.start, lastDay(w.usage)]).toEqual([us, ue]);
    expect([w.claiming.start, lastDay(w.claiming)]).toEqual([cs, ce]);
  });

  test('intervals are half-open inside and inclusive when printed', () => {
    const w = windowsOf(half('FY21 H1'));
    expect(w.claiming.end).toBe('2021-08-16');
    expect(contains(w.claiming, isoDate('2021-08-15'))).toBe(true);
    expect(contains(w.claiming, isoDate('2021-08-16'))).toBe(false);
    expect(formatInterval(w.claiming)).toBe('2021-02-16 – 2021-08-15');
  });

  test('the claim offset is a setting: 45 days reads the German seed literally', () => {
    const w = windowsOf(half('FY21 H1'), withSettings({ claimOffset: { months: 0, days: 45 } }));
    expect(lastDay(w.claiming)).toBe('2021-08-14');
  });

  test('the windows kept per half are the windows the calendar gives, however often and in whatever order asked', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ fiscalYear: fc.integer({ min: 2001, max: 2090 }), half: fc.constantFrom<1 | 2>(1, 2) }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 40 }), (halves, startMonth, days) => {
        const s = withSettings({ fiscalYearStartMonth: startMonth, claimOffset: { months: 1, days } });
        for (const h of [...halves, ...halves.slice().reverse()]) expect(windowsOf(h, s)).toEqual(computeWindows(h, s));
      }),
    );
  });

  test("consecutive periods' claim windows tile time with no gap or overlap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2090 }), fc.constantFrom<1 | 2>(1, 2), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 40 }), (fiscalYear, h, startMonth, months, days) => {
        const s = withSettings({ fiscalYearStartMonth: startMonth, claimOffset: { months, days } });
        const a = windowsOf({ fiscalYear, half: h }, s);
        const b = windowsOf(nextHalf({ fiscalYear, half: h }), s);
        expect(a.claiming.end).toBe(b.claiming.start);
        expect(a.claiming.start < a.claiming.end).toBe(true);
        expect(a.earning.end).toBe(a.usage.start);
      }),
    );
  });
});

describe('calendar dates', () => {
  test.each([
    ['2021-03-15', '2021-03-15'],
    ['2021-03-15T23:30:00Z', '2021-03-15'],
    ['2021-03-15T00:30:00-05:00', '2021-03-15'],
    ['3/5/2021', '2021-03-05'],
    ['12/31/2021 11:59:00 PM', '2021-12-31'],
  ])('%s is the calendar date %s whatever the zone', (text, expected) => {
    const r = parseDate(text);
    expect(r.ok && r.value).toBe(expected);
  });

  test.each(['2021-02-30', '13/01/2021', '2021-13-01', '15.03.2021', 'yesterday', ''])('%s is invalid_date', (text) => {
    const r = parseDate(text);
    expect(!r.ok && r.issues[0]!.code).toBe('invalid_date');
  });

  // dateParts reads digits without slicing: the same parts as parseInt over the slices, for any text.
  test('dateParts is parseInt over the year, month and day', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.stringMatching(/^[0-9+-]{0,5}-[0-9a]{1,3}-[0-9 ]{0,3}$/), fc.date({ min: new Date(Date.UTC(1, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))), (text) => {
        const slow = (from: number, to: number) => Number.parseInt(text.slice(from, to), 10);
        expect(dateParts(text as IsoDate)).toEqual({ year: slow(0, 4), month: slow(5, 7), day: slow(8, 10) });
      }),
      { numRuns: 2000 },
    );
  });

  test('month arithmetic clamps to the end of the month', () => {
    expect(addMonths(isoDate('2021-01-31'), 1)).toBe('2021-02-28');
    expect(addMonths(isoDate('2020-01-31'), 1)).toBe('2020-02-29');
    expect(addMonths(isoDate('2021-08-31'), 24)).toBe('2023-08-31');
  });

  test('day arithmetic counts calendar days across DST changes', () => {
    expect(daysBetween(isoDate('2021-03-01'), isoDate('2021-04-01'))).toBe(31);
    expect(addDays(isoDate('2021-03-13'), 1)).toBe('2021-03-14' as IsoDate);
  });
});
