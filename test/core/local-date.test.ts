/**
 * The default as-of date (docs/RULES.md, "Calendar"): the calendar date of a clock reading where
 * the user is. The suite runs under TZ=UTC and TZ=America/New_York (scripts/test-in-zones.mjs);
 * readings made from local parts are the same local time in either, readings made from a UTC
 * instant fall on a day that depends on the zone.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { asOfDate, localCalendarDate } from '../../core/calendar/local-date.js';
import { isoDate } from '../../core/calendar/calendar-date.js';

describe('the calendar date of a clock reading, where the user is', () => {
  test.each<[string, Date, string]>([
    ['23:30 local on the last day of June', new Date(2021, 5, 30, 23, 30), '2021-06-30'],
    ['00:30 local on the first of July', new Date(2021, 6, 1, 0, 30), '2021-07-01'],
    ['23:30 local on New Year\'s Eve', new Date(2021, 11, 31, 23, 30), '2021-12-31'],
    ['00:30 local on New Year\'s Day', new Date(2022, 0, 1, 0, 30), '2022-01-01'],
    ['23:30 local on 29 February', new Date(2024, 1, 29, 23, 30), '2024-02-29'],
  ])('%s is that local day', (_what, reading, expected) => {
    expect(localCalendarDate(reading)).toBe(expected);
  });

  /** The day of a reading in the host's zone, as Intl's calendar formats it (`en-CA` writes yyyy-MM-dd): a second opinion. */
  const intlDay = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });

  test('an instant is the day of its local time, not of UTC: 03:30 UTC on 1 July is 30 June in New York', () => {
    const reading = new Date(Date.UTC(2021, 6, 1, 3, 30));
    const zone = intlDay.resolvedOptions().timeZone;
    const expected = zone === 'America/New_York' ? '2021-06-30' : zone === 'UTC' || zone === 'Etc/UTC' ? '2021-07-01' : intlDay.format(reading);
    expect(localCalendarDate(reading)).toBe(expected);
  });

  test('any reading is the day Intl gives it in the host\'s zone', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1000, 0, 2)), max: new Date(Date.UTC(9999, 11, 30)), noInvalidDate: true }), (reading) => {
        expect(localCalendarDate(reading)).toBe(intlDay.format(reading));
      }),
    );
  });

  test('a reading that is no date is a mistake, and throws', () => {
    expect(() => localCalendarDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('the as-of date', () => {
  test('is the date set, whatever the clock says; left unset, the calendar date of the reading where it runs', () => {
    const reading = new Date(2022, 1, 10, 23, 59);
    expect(asOfDate(isoDate('2021-12-31'), reading)).toBe('2021-12-31');
    expect(asOfDate(null, reading)).toBe('2022-02-10');
    expect(asOfDate(undefined, reading)).toBe(localCalendarDate(reading));
  });
});
